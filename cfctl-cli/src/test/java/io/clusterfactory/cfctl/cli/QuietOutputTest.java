package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What reaches stderr without -v: cfctl's own words, uncoloured with --no-color. */
class QuietOutputTest {
  static final String ESC = "\u001B[";

  @Test
  void noColorRemovesEveryColourTheErrorPrefixIncluded(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\n");
    String saved = System.getProperty("picocli.ansi");
    System.setProperty("picocli.ansi", "true"); // as on a terminal
    try {
      List<List<String>> runs =
          List.of(
              List.of("validate", bad.toString()),
              List.of("validate", "--no-such-flag"),
              List.of("no-such-command"),
              List.of("--help"));
      for (List<String> args : runs) {
        CliRun coloured = CliRun.of(args.toArray(String[]::new));
        assertTrue(
            (coloured.out() + coloured.err()).contains(ESC), "coloured on a terminal: " + args);
        List<String> plainArgs = new java.util.ArrayList<>(List.of("--no-color"));
        plainArgs.addAll(args);
        CliRun plain = CliRun.of(plainArgs.toArray(String[]::new));
        assertFalse((plain.out() + plain.err()).contains(ESC), plainArgs + ":\n" + plain.err());
        assertTrue(
            (plain.out() + plain.err())
                .contains(args.get(0).equals("--help") ? "Usage" : "Error: "));
      }
    } finally {
      if (saved == null) {
        System.clearProperty("picocli.ansi");
      } else {
        System.setProperty("picocli.ansi", saved);
      }
    }
  }

  @Test
  void sshLibraryErrorsShowOnlyWithVerbose() {
    String sshj = "net.schmizz.sshj.transport.TransportImpl";
    String verifier = "com.hierynomus.sshj.transport.verification.KnownHostMatchers";
    StringWriter quiet = new StringWriter();
    CliLogging.configure(new PrintWriter(quiet, true), 0, false);
    LoggerFactory.getLogger(sshj).error("Dying because - x", new IllegalStateException("boom"));
    LoggerFactory.getLogger(verifier).warn("host key mismatch");
    LoggerFactory.getLogger("org.eclipse.jgit.Something").warn("a library warning");
    LoggerFactory.getLogger("io.clusterfactory.cfctl.Test").info("cfctl's own line");
    assertFalse(quiet.toString().contains("Dying"), quiet.toString());
    assertFalse(quiet.toString().contains("host key mismatch"), quiet.toString());
    assertFalse(quiet.toString().contains("IllegalStateException"), quiet.toString());
    assertTrue(quiet.toString().contains("a library warning"), quiet.toString());
    assertTrue(quiet.toString().contains("cfctl's own line"), quiet.toString());

    StringWriter verbose = new StringWriter();
    CliLogging.configure(new PrintWriter(verbose, true), 1, false);
    LoggerFactory.getLogger(sshj).error("Dying because - x", new IllegalStateException("boom"));
    assertTrue(verbose.toString().contains("Dying"), verbose.toString());
    assertTrue(verbose.toString().contains("IllegalStateException"), verbose.toString());
  }
}
