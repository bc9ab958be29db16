package io.clusterfactory.cfctl.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point. {@link #run} returns the exit code so tests drive the CLI black-box. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs cfctl with the given streams; machine output goes to {@code out}, the rest to err. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return CfctlCommand.commandLine(out, err).execute(args);
  }
}
