package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/** The config file has errors; the message lists all of them, one per line. */
public class InvalidConfigException extends InvalidInputException {
  private final List<Problem> problems;

  public InvalidConfigException(String what, List<Problem> problems) {
    super(summary(what, problems), "fix the problems above and run `cfctl validate` again");
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String summary(String what, List<Problem> problems) {
    long errors = problems.stream().filter(p -> p.severity() == Severity.ERROR).count();
    return what
        + " is invalid ("
        + errors
        + (errors == 1 ? " error" : " errors")
        + "):\n"
        + problems.stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n"));
  }
}
