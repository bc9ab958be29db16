package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every exit code the README's command table documents that needs no cluster, host or peer: each
 * row runs the CLI black-box and asserts the code.
 */
class ExitCodesCliTest {
  static final String GOOD = "../examples/single/cluster.yaml";
  @TempDir static Path dir;
  static Path bad;
  static Path cert;

  @BeforeAll
  static void files() throws Exception {
    bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nspec:\n  hosts:\n"
            + "    - role: nope\n      ssh: {address: 10.0.0.1}\n");
    cert = dir.resolve("cert.pem");
    Files.writeString(cert, "not a certificate\n");
  }

  static Stream<Arguments> documentedCases() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of(0, List.of("version")));
    cases.add(Arguments.of(0, List.of("--version")));
    cases.add(Arguments.of(0, List.of("-V")));
    cases.add(Arguments.of(0, List.of("version", "-o", "json")));
    cases.add(Arguments.of(0, List.of("version", "-o", "yaml", GOOD)));
    // version always exits 0: a config that cannot be read is a warning
    cases.add(Arguments.of(0, List.of("version", bad.toString())));
    cases.add(Arguments.of(0, List.of("version", "/nonexistent/cluster.yaml")));
    cases.add(Arguments.of(0, List.of("init")));
    cases.add(Arguments.of(0, List.of("init", "root@10.0.0.1", "10.0.0.2")));
    cases.add(Arguments.of(2, List.of("init", "root@@bad")));
    cases.add(Arguments.of(0, List.of("validate", GOOD)));
    cases.add(Arguments.of(0, List.of("validate", GOOD, "-o", "json")));
    cases.add(Arguments.of(0, List.of("validate", GOOD, "-o", "yaml")));
    cases.add(Arguments.of(2, List.of("validate", bad.toString())));
    cases.add(Arguments.of(2, List.of("validate", bad.toString(), "-o", "yaml")));
    cases.add(Arguments.of(2, List.of("validate", "/nonexistent/cluster.yaml")));
    cases.add(Arguments.of(0, List.of("render", GOOD, "-o", dir.resolve("tree").toString())));
    cases.add(
        Arguments.of(2, List.of("render", bad.toString(), "-o", dir.resolve("x").toString())));
    cases.add(Arguments.of(0, List.of("schema")));
    cases.add(
        Arguments.of(
            2,
            List.of(
                "seal",
                "--cert",
                cert.toString(),
                "-n",
                "a",
                "--name",
                "b",
                "--from-literal",
                "k=v")));
    cases.add(Arguments.of(0, List.of("nodes", "expand", "cn[001-004]")));
    cases.add(Arguments.of(2, List.of("nodes", "expand", "cn[001-")));
    cases.add(Arguments.of(0, List.of("nodes", "fold", "cn001", "cn002")));
    cases.add(Arguments.of(2, List.of("nodes", "fold", "cn[001-")));
    cases.add(Arguments.of(0, List.of("completion", "bash")));
    cases.add(Arguments.of(2, List.of("completion", "fish")));
    // invalid input exits 2 before anything is contacted, on every command that reads the config
    for (List<String> command :
        List.of(
            List.of("apply", "--no-hydrate"),
            List.of("diff", "--no-hydrate"),
            List.of("kubeconfig"),
            List.of("status"),
            List.of("reset", "--force"),
            List.of("nodes", "sync"))) {
      List<String> args = new ArrayList<>(command);
      args.add(
          command.get(0).equals("apply") || command.get(0).equals("diff") ? 2 : 1, bad.toString());
      cases.add(Arguments.of(2, args));
    }
    for (String nodes : List.of("list", "provision", "unprovision")) {
      List<String> args = new ArrayList<>(List.of("nodes", nodes, "-c", bad.toString()));
      if (!nodes.equals("list")) {
        args.add("cn001");
      }
      cases.add(Arguments.of(2, args));
    }
    cases.add(Arguments.of(2, List.of("nodes", "power", "status", "-c", bad.toString(), "cn001")));
    // a flag that has no effect in the mode given is refused
    cases.add(Arguments.of(2, List.of("apply", "--no-hydrate", GOOD, "-o", "json")));
    cases.add(Arguments.of(0, List.of("--help")));
    cases.add(Arguments.of(0, List.of("validate", "--help")));
    cases.add(Arguments.of(2, List.of("no-such-command")));
    cases.add(Arguments.of(2, List.of("no-such-command", "--help")));
    cases.add(Arguments.of(2, List.of("--no-color", "no-such-command", "-h")));
    cases.add(Arguments.of(2, List.of("nodes", "no-such-command", "--help")));
    cases.add(Arguments.of(2, List.of("validate", "--no-such-flag", GOOD)));
    cases.add(Arguments.of(2, List.of("validate", GOOD, "-o", "xml")));
    cases.add(Arguments.of(2, List.of("--no-such-flag", "version")));
    return cases.stream();
  }

  @ParameterizedTest(name = "cfctl {1} exits {0}")
  @MethodSource("documentedCases")
  void documentedExitCode(int expected, List<String> args) {
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(expected, run.exitCode(), "cfctl " + args + "\n" + run.out() + run.err());
  }

  @Test
  void anUnknownCommandNamesItselfAndTheCommands() {
    CliRun run = CliRun.of("no-such-command", "--help");
    assertEquals("", run.out(), "no help printed for an unknown command");
    assertTrue(run.err().contains("unknown command 'no-such-command'"), run.err());
    assertTrue(run.err().contains("cfctl --help"), run.err());
    CliRun typo = CliRun.of("valdate", "x.yaml");
    assertTrue(typo.err().contains("Did you mean: validate?"), typo.err());
  }

  /**
   * Whatever commands exist later, a name is either one that `cfctl --help` lists (and its help
   * exits 0) or unknown (exit 2): `cfctl backup --help` printed the root's help and exited 0.
   */
  @Test
  void helpOfANameExitsZeroOnlyWhenHelpListsIt() {
    String help = CliRun.of("--help").out();
    for (String name : List.of("backup", "restore", "upgrade", "validate", "nodes")) {
      boolean listed = help.lines().anyMatch(l -> l.startsWith("  " + name + " "));
      CliRun run = CliRun.of(name, "--help");
      assertEquals(listed ? 0 : 2, run.exitCode(), name + ": " + run.err());
    }
  }

  @Test
  void versionReadsNoConfigUnlessAskedAndOffersJsonAndYaml() throws Exception {
    CliRun text = CliRun.of("version");
    assertEquals(CfctlVersion.line() + "\n", text.out());
    assertEquals("", text.err());
    JsonNode json = new ObjectMapper().readTree(CliRun.of("version", "-o", "json", GOOD).out());
    JsonNode yaml = new YAMLMapper().readTree(CliRun.of("version", "-o", "yaml", GOOD).out());
    assertEquals(json, yaml, "the same document in both formats");
    assertEquals(CfctlVersion.version(), json.path("cfctl").asText());
    assertEquals("v1.31.2+k0s.0", json.at("/k0s/version").asText(), json.toString());
    CliRun broken = CliRun.of("version", bad.toString());
    assertTrue(broken.out().startsWith("cfctl "), broken.out());
    assertTrue(broken.err().contains("warning: no k0s version from"), broken.err());
  }

  @Test
  void validateYamlIsTheJsonDocument() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(CliRun.of("validate", bad.toString(), "-o", "json").out());
    JsonNode yaml =
        new YAMLMapper().readTree(CliRun.of("validate", bad.toString(), "-o", "yaml").out());
    assertEquals(json, yaml);
    assertFalse(json.path("valid").asBoolean(true));
    assertTrue(json.path("problems").size() > 0, json.toString());
  }

  @Test
  void nextStepsFitTheCommand() {
    CliRun render = CliRun.of("render", bad.toString(), "-o", dir.resolve("y").toString());
    assertTrue(
        render.err().contains("Next: fix the file, check it with `cfctl validate`"), render.err());
    CliRun validate = CliRun.of("validate", bad.toString());
    assertFalse(validate.err().contains("Next:"), validate.err());
    // a nodeset has nothing to do with cluster.yaml: no `cfctl validate` after it
    CliRun expand = CliRun.of("nodes", "expand", "cn[001-");
    assertFalse(expand.err().contains("cfctl validate"), expand.err());
    CliRun seal = CliRun.of("seal", "--cert", cert.toString(), "-n", "a", "--name", "b");
    assertFalse(seal.err().contains("cfctl validate"), seal.err());
  }
}
