package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.cli.commands.ValidateCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point. {@link #run} returns the exit code so tests drive the CLI black-box. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs cfctl with the given streams; machine output goes to {@code out}, the rest to err. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    if (isPlainVersion(args)) {
      // Answered before picocli and logging load: a CI step's `cfctl --version` costs a bare JVM.
      out.println(CfctlVersion.line());
      out.flush();
      return 0;
    }
    if (isPlainValidate(args)) {
      Integer valid = ValidateCommand.validFileFast(args[1], out, err);
      if (valid != null) {
        out.flush();
        err.flush();
        return valid;
      }
    }
    return CfctlCommand.commandLine(out, err, args).execute(args);
  }

  /**
   * {@code cfctl validate FILE} and nothing else: a valid file is answered without the parser
   * (ValidateCommand#validFileFast); any flag, stdin ({@code -}) or an invalid file takes the
   * parser's path.
   */
  static boolean isPlainValidate(String[] args) {
    return args.length == 2 && args[0].equals("validate") && !args[1].startsWith("-");
  }

  /**
   * Exactly the documented forms that print nothing but cfctl's version; anything else (flags,
   * {@code version -o json}, a config file) goes through the parser.
   */
  static boolean isPlainVersion(String[] args) {
    return args.length == 1
        && (args[0].equals("--version") || args[0].equals("-V") || args[0].equals("version"));
  }
}
