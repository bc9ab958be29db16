package io.clusterfactory.cfctl.core.pipeline;

import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.ExitCode;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Work failed on one or more hosts: one report naming each host and its error. The exit code is
 * "unreachable" when every failure is one, else "failed".
 */
public class HostsFailedException extends CfctlException {
  private final Map<String, CfctlException> failures;

  public HostsFailedException(String what, Map<String, CfctlException> failures) {
    super(message(what, failures), hint(failures), failures.values().iterator().next());
    this.failures = Map.copyOf(failures);
  }

  public Map<String, CfctlException> failures() {
    return failures;
  }

  @Override
  public ExitCode exitCode() {
    boolean allUnreachable =
        failures.values().stream().allMatch(e -> e.exitCode() == ExitCode.UNREACHABLE);
    return allUnreachable ? ExitCode.UNREACHABLE : ExitCode.FAILED;
  }

  private static String message(String what, Map<String, CfctlException> failures) {
    return what
        + " failed on "
        + failures.size()
        + (failures.size() == 1 ? " host" : " hosts")
        + ":\n"
        + failures.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> "  - " + e.getKey() + ": " + e.getValue().getMessage())
            .collect(Collectors.joining("\n"));
  }

  private static String hint(Map<String, CfctlException> failures) {
    return failures.values().stream()
        .map(CfctlException::hint)
        .filter(h -> h != null)
        .findFirst()
        .orElse(null);
  }
}
