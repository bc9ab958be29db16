package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.cli.mixins.LoggingMixin;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * The root command: global flags, subcommands, and the one place errors become exit codes. The
 * subcommands are registered by {@link #commandLine} from {@link TopLevelCommands}, only those the
 * run needs.
 */
@Command(
    name = "cfctl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Declarative GitOps cluster manager for HPC and cloud control planes.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 failed (or diff found changes), 2 invalid input,"
          + " 3 host/API/Git unreachable, 4 internal error."
    })
public final class CfctlCommand implements Runnable {
  @Mixin LoggingMixin logging;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Every subcommand answers -h/--help, in one place rather than on each class. */
  private static void addHelpOptions(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().findOption("--help") == null) {
        sub.getCommandSpec().mixinStandardHelpOptions(true);
      }
      addHelpOptions(sub);
    }
  }

  /** A command line with every subcommand, writing to the given streams. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, new String[0]);
  }

  /**
   * A configured command line writing to the given streams, holding the subcommands that {@code
   * args} need (all of them for help, completion and an unknown name).
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new CfctlCommand());
    for (String name : TopLevelCommands.neededFor(args)) {
      cl.addSubcommand(name, TopLevelCommands.create(name));
    }
    addHelpOptions(cl);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    if (!Colors.wanted(args)) {
      cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    ErrorHandler handler = new ErrorHandler();
    cl.setExecutionStrategy(LoggingMixin::executionStrategy);
    cl.setExecutionExceptionHandler(handler);
    cl.setParameterExceptionHandler(handler);
    cl.setExitCodeExceptionMapper(handler);
    return cl;
  }
}
