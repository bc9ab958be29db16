package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.cli.commands.ValidateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cfctl validate FILE} answered without the parser prints exactly what the parser's path
 * prints, and leaves every other case (an invalid file, flags, stdin) to the parser.
 */
class ValidateFastPathTest {
  @TempDir Path dir;

  record Output(int code, String out, String err) {}

  static Output parserPath(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CfctlCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args)
            .execute(args);
    return new Output(code, out.toString(), err.toString());
  }

  static Output mainPath(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Output(code, out.toString(), err.toString());
  }

  static Stream<String> examples() throws Exception {
    try (Stream<Path> s = Files.list(Path.of("../examples"))) {
      return s
          .map(p -> p.resolve("cluster.yaml"))
          .filter(Files::exists)
          .map(Path::toString)
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void aValidFileReadsTheSameEitherWay(String file) {
    Output fast = mainPath("validate", file);
    assertEquals(parserPath("validate", file), fast);
    assertEquals(0, fast.code(), fast.err());
    assertTrue(fast.out().contains(" is valid: "), fast.out());
  }

  @Test
  void anInvalidFileIsLeftToTheParserAndReadsTheSame() throws Exception {
    String bad =
        Files.writeString(
                dir.resolve("cluster.yaml"),
                "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata: {name: x}\n"
                    + "spec:\n  hosts:\n  - role: single\n    ssh: {address: 10.0.0.1}\n"
                    + "    installFlag: [--debug]\n")
            .toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertNull(
        ValidateCommand.validFileFast(bad, new PrintWriter(out, true), new PrintWriter(err, true)));
    assertEquals("", out.toString() + err.toString(), "nothing printed before the parser runs");

    Output viaMain = mainPath("validate", bad);
    Output viaParser = parserPath("validate", bad);
    assertEquals(2, viaMain.code());
    assertEquals(viaParser.code(), viaMain.code());
    assertEquals(viaParser.out(), viaMain.out());
    assertEquals(stripLog(viaParser.err()), stripLog(viaMain.err()));
    assertTrue(viaMain.err().contains("installFlag"), viaMain.err());
  }

  @Test
  void onlyTheBareFormIsAnsweredWithoutTheParser() {
    assertTrue(Main.isPlainValidate(new String[] {"validate", "cluster.yaml"}));
    for (String[] other :
        List.of(
            new String[] {"validate"},
            new String[] {"validate", "-"},
            new String[] {"validate", "-o", "json", "cluster.yaml"},
            new String[] {"validate", "--no-color"},
            new String[] {"render", "cluster.yaml"})) {
      assertFalse(Main.isPlainValidate(other), String.join(" ", other));
    }
  }

  /** A trace log's path differs per run, where one is written. */
  private static String stripLog(String err) {
    return err.replaceAll("(?m)^Log: .*$", "Log: <path>");
  }
}
