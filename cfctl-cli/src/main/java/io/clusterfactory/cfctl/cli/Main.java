package io.clusterfactory.cfctl.cli;

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
    return CfctlCommand.commandLine(out, err, args).execute(args);
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
