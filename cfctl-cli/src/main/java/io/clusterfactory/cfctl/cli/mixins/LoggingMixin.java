package io.clusterfactory.cfctl.cli.mixins;

import io.clusterfactory.cfctl.cli.CliLogging;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Global output flags, usable before or after the subcommand. Verbosity is configured once, in the
 * execution strategy, before the subcommand runs.
 */
public final class LoggingMixin {
  @Spec(Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  private boolean[] verbose = new boolean[0];
  private boolean debug;
  private boolean noColor;

  @Option(
      names = {"-v", "--verbose"},
      description = "More detail; repeat for more (-vv). Shows stack traces.",
      scope = CommandLine.ScopeType.INHERIT)
  public void setVerbose(boolean[] verbose) {
    root().verbose = verbose;
  }

  @Option(
      names = "--debug",
      description = "Debug output (same as -vv).",
      scope = CommandLine.ScopeType.INHERIT)
  public void setDebug(boolean debug) {
    root().debug = debug;
  }

  @Option(
      names = "--no-color",
      description = "No colours (also when NO_COLOR is set or output is not a terminal).",
      scope = CommandLine.ScopeType.INHERIT)
  public void setNoColor(boolean noColor) {
    root().noColor = noColor;
  }

  private LoggingMixin root() {
    CommandLine.Model.CommandSpec s = mixee;
    if (s == null) {
      return this;
    }
    while (s.parent() != null) {
      s = s.parent();
    }
    Object user = s.userObject();
    if (user instanceof io.clusterfactory.cfctl.cli.CfctlCommand) {
      LoggingMixin m = (LoggingMixin) s.mixins().get("logging").userObject();
      return m;
    }
    return this;
  }

  public int level() {
    return debug ? Math.max(2, verbose.length) : verbose.length;
  }

  public boolean color() {
    return !noColor && System.getenv("NO_COLOR") == null && System.console() != null;
  }

  /** Verbosity of the command line's root command. */
  public static int verbosity(CommandLine cmd) {
    CommandLine root = cmd;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Object m = root.getCommandSpec().mixins().get("logging").userObject();
    return m instanceof LoggingMixin l ? l.level() : 0;
  }

  public static LoggingMixin of(CommandLine cmd) {
    CommandLine root = cmd;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    return (LoggingMixin) root.getCommandSpec().mixins().get("logging").userObject();
  }

  /** Configures logging from the parsed flags, then runs the subcommand. */
  public static int executionStrategy(CommandLine.ParseResult parseResult) {
    CommandLine cmd = parseResult.commandSpec().commandLine();
    LoggingMixin m = of(cmd);
    CommandLine last = cmd;
    CommandLine.ParseResult pr = parseResult;
    refuseUnmatched(pr);
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
      last = pr.commandSpec().commandLine();
      refuseUnmatched(pr);
    }
    if (!isQuick(last)) {
      CliLogging.configure(cmd.getErr(), m.level(), m.color());
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  /**
   * picocli lets a help request win over a word it could not match ({@code cfctl backup --help}
   * printed the root's help and exited 0): a word that is neither a command nor an argument is an
   * error whatever else is given.
   */
  private static void refuseUnmatched(CommandLine.ParseResult pr) {
    if (!pr.unmatched().isEmpty()) {
      throw new CommandLine.UnmatchedArgumentException(
          pr.commandSpec().commandLine(), pr.unmatched());
    }
  }

  /**
   * Commands that only read local files and print do not pay for logging set-up or a trace log
   * (start-up time matters, and they log nothing): a warning from a library still reaches stderr
   * through the default configuration ({@code QuietLogging}).
   */
  private static final Set<String> QUICK =
      Set.of(
          "cfctl",
          "cfctl version",
          "cfctl schema",
          "cfctl validate",
          "cfctl init",
          "cfctl completion",
          "cfctl nodes",
          "cfctl nodes expand",
          "cfctl nodes fold");

  private static boolean isQuick(CommandLine cmd) {
    return QUICK.contains(cmd.getCommandSpec().qualifiedName());
  }
}
