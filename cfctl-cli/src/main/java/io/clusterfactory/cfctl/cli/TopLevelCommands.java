package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.cli.commands.ApplyCommand;
import io.clusterfactory.cfctl.cli.commands.BackupCommand;
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
import io.clusterfactory.cfctl.cli.commands.airgap.AirgapCommand;
import io.clusterfactory.cfctl.cli.commands.nodes.NodesCommand;
import java.util.List;

/**
 * cfctl's subcommands, by name, in the order {@code --help} lists them. A name maps to a {@code
 * new} in a switch rather than to a class literal or a lambda, so that only the command being run
 * has its class loaded and its picocli model built: start-up is paid for one command, not thirteen.
 */
final class TopLevelCommands {
  static final List<String> NAMES =
      List.of(
          "version",
          "init",
          "validate",
          "render",
          "apply",
          "diff",
          "kubeconfig",
          "reset",
          "backup",
          "status",
          "schema",
          "seal",
          "nodes",
          "completion",
          "airgap");

  private TopLevelCommands() {}

  static Object create(String name) {
    return switch (name) {
      case "version" -> new VersionCommand();
      case "init" -> new InitCommand();
      case "validate" -> new ValidateCommand();
      case "render" -> new RenderCommand();
      case "apply" -> new ApplyCommand();
      case "diff" -> new DiffCommand();
      case "kubeconfig" -> new KubeconfigCommand();
      case "reset" -> new ResetCommand();
      case "backup" -> new BackupCommand();
      case "status" -> new StatusCommand();
      case "schema" -> new SchemaCommand();
      case "seal" -> new SealCommand();
      case "nodes" -> new NodesCommand();
      case "completion" -> new CompletionCommand();
      case "airgap" -> new AirgapCommand();
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }

  /**
   * The commands a run needs: the one named by the first argument that is not a root flag (the
   * root's flags take no values), or all of them when none is named, when the name is unknown (for
   * the error's suggestions), when the root's help or version is asked for first, or for {@code
   * completion}, whose script covers the whole tree.
   */
  static List<String> neededFor(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return NAMES;
      }
      if (a.startsWith("-")) {
        continue;
      }
      return NAMES.contains(a) && !a.equals("completion") ? List.of(a) : NAMES;
    }
    return NAMES;
  }
}
