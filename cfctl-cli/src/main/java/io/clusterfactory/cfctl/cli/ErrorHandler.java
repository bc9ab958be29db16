package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.cli.mixins.LoggingMixin;
import io.clusterfactory.cfctl.core.config.EditDistance;
import io.clusterfactory.cfctl.core.config.InvalidConfigException;
import io.clusterfactory.cfctl.core.diff.DiffExitCodes;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.ExitCode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The one place exceptions become exit codes and messages. Users see the message chain and the
 * hint; stack traces only with --verbose.
 */
final class ErrorHandler
    implements CommandLine.IExecutionExceptionHandler,
        CommandLine.IParameterExceptionHandler,
        CommandLine.IExitCodeExceptionMapper {

  @Override
  public int handleExecutionException(
      Exception thrown, CommandLine cmd, CommandLine.ParseResult parseResult) {
    Exception ex = thrown instanceof ExitOverride o ? o.failure() : thrown;
    PrintWriter err = cmd.getErr();
    err.println(cmd.getColorScheme().errorText("Error: ") + message(ex));
    if (ex instanceof CfctlException c && c.hint() != null) {
      err.println("Hint: " + c.hint());
    }
    if (LoggingMixin.verbosity(cmd) > 0) {
      ex.printStackTrace(err);
    } else if (!(ex instanceof CfctlException)) {
      err.println("Run with --verbose for the stack trace.");
    }
    org.slf4j.LoggerFactory.getLogger(ErrorHandler.class).trace("failed", ex);
    String next = nextStep(cmd, ex);
    if (next != null) {
      err.println("Next: " + next);
    }
    if (CliLogging.currentLog() != null) {
      err.println("Log: " + CliLogging.currentLog());
    }
    err.flush();
    return getExitCode(thrown);
  }

  /**
   * The command to try after a failure, fitted to the command that failed and to what failed; none
   * when the error's own hint already says what to do.
   */
  static String nextStep(CommandLine cmd, Throwable ex) {
    String command = cmd.getCommandSpec().qualifiedName();
    if (!(ex instanceof CfctlException c)) {
      return null;
    }
    return switch (c.exitCode()) {
      case INVALID_INPUT -> {
        if (ex instanceof InvalidConfigException) {
          yield command.equals("cfctl validate")
              ? null
              : "fix the file, check it with `cfctl validate`, then run `" + command + "` again";
        }
        yield c.hint() == null ? "`" + command + " --help` shows the flags and arguments" : null;
      }
      case UNREACHABLE ->
          command.startsWith("cfctl nodes")
              ? "check the Grendel address in the file and that Grendel is up, then run `"
                  + command
                  + "` again"
              : "check the address and that the host, API server or Git remote is up,"
                  + " then run `"
                  + command
                  + "` again";
      case FAILED ->
          command.equals("cfctl apply")
              ? "fix the cause, then run `cfctl apply` again: it converges from where it stopped;"
                  + " `cfctl status` shows where the hosts and stacks stand"
              : "fix the cause, then run `" + command + "` again";
      default -> null;
    };
  }

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String error = cmd.getColorScheme().errorText("Error: ").toString();
    String unknown = unknownCommand(ex);
    if (unknown != null) {
      String name = cmd.getCommandSpec().qualifiedName();
      err.println(error + "unknown command '" + unknown + "' for '" + name + "'");
      List<String> close = EditDistance.closeNames(unknown, cmd.getSubcommands().keySet());
      if (!close.isEmpty()) {
        err.println("Did you mean: " + String.join(" or ", close) + "?");
      }
      err.println(
          "Hint: the commands are "
              + String.join(", ", cmd.getSubcommands().keySet())
              + "; run '"
              + name
              + " --help' for usage.");
      err.flush();
      return ExitCode.INVALID_INPUT.code();
    }
    err.println(error + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return parseErrorExitCode(cmd, args);
  }

  /**
   * The word given where a subcommand was expected, when that is what the parser could not match: a
   * command with subcommands and no positional arguments of its own.
   */
  static String unknownCommand(CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) {
      return null;
    }
    CommandLine cmd = ex.getCommandLine();
    if (cmd.getSubcommands().isEmpty()
        || !cmd.getCommandSpec().positionalParameters().isEmpty()
        || u.getUnmatched().isEmpty()) {
      return null;
    }
    String first = u.getUnmatched().get(0);
    return first.startsWith("-") ? null : first;
  }

  /**
   * 2 (invalid input), except for {@code cfctl diff --detailed-exitcode}, where 2 means "changes":
   * a misspelled flag next to it must not read as "changes" in CI, so it is an error (1) there. The
   * raw arguments are checked because the parser stopped before setting any option.
   */
  static int parseErrorExitCode(CommandLine cmd, String[] args) {
    boolean detailed =
        cmd.getCommandSpec().qualifiedName().equals("cfctl diff")
            && Arrays.stream(args)
                .anyMatch(
                    a ->
                        a.equals("--detailed-exitcode")
                            || a.equals("--detailed-exitcode=true")
                            || a.equals("-detailed-exitcode"));
    return detailed
        ? DiffExitCodes.forError(ExitCode.INVALID_INPUT, DiffExitCodes.Convention.DETAILED)
        : ExitCode.INVALID_INPUT.code();
  }

  @Override
  public int getExitCode(Throwable ex) {
    if (ex instanceof ExitOverride o) {
      return o.code();
    }
    if (ex instanceof CfctlException c) {
      return c.exitCode().code();
    }
    if (ex instanceof CommandLine.ParameterException) {
      return ExitCode.INVALID_INPUT.code();
    }
    return ExitCode.INTERNAL.code();
  }

  private static String message(Throwable ex) {
    if (ex instanceof CfctlException) {
      return ex.getMessage();
    }
    // Unexpected: show the chain of distinct causes once each.
    StringBuilder b = new StringBuilder(ex.getClass().getSimpleName());
    String last = null;
    for (Throwable t = ex; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.equals(last)) {
        b.append(": ").append(m);
        last = m;
      }
    }
    return b.toString();
  }
}
