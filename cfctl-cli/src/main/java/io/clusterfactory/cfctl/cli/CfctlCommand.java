package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.cli.commands.ApplyCommand;
import io.clusterfactory.cfctl.cli.commands.CompletionCommand;
import io.clusterfactory.cfctl.cli.commands.DiffCommand;
import io.clusterfactory.cfctl.cli.commands.InitCommand;
import io.clusterfactory.cfctl.cli.commands.KubeconfigCommand;
import io.clusterfactory.cfctl.cli.commands.RenderCommand;
import io.clusterfactory.cfctl.cli.commands.ResetCommand;
import io.clusterfactory.cfctl.cli.commands.SchemaCommand;
import io.clusterfactory.cfctl.cli.commands.SealCommand;
import io.clusterfactory.cfctl.cli.commands.StatusCommand;
import io.clusterfactory.cfctl.cli.commands.ValidateCommand;
import io.clusterfactory.cfctl.cli.commands.VersionCommand;
import io.clusterfactory.cfctl.cli.commands.nodes.NodesCommand;
import io.clusterfactory.cfctl.cli.mixins.LoggingMixin;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** The root command: global flags, subcommands, and the one place errors become exit codes. */
@Command(
    name = "cfctl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Declarative GitOps cluster manager for HPC and cloud control planes.",
    subcommands = {
      VersionCommand.class,
      InitCommand.class,
      ValidateCommand.class,
      RenderCommand.class,
      ApplyCommand.class,
      DiffCommand.class,
      KubeconfigCommand.class,
      ResetCommand.class,
      StatusCommand.class,
      SchemaCommand.class,
      SealCommand.class,
      NodesCommand.class,
      CompletionCommand.class,
    },
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

  /** A configured command line writing to the given streams. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new CfctlCommand());
    addHelpOptions(cl);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    ErrorHandler handler = new ErrorHandler();
    cl.setExecutionStrategy(LoggingMixin::executionStrategy);
    cl.setExecutionExceptionHandler(handler);
    cl.setParameterExceptionHandler(handler);
    cl.setExitCodeExceptionMapper(handler);
    return cl;
  }
}
