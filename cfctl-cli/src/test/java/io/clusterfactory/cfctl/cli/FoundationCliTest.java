package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FoundationCliTest {
  static final Path EXAMPLES = Path.of("../examples");

  static Stream<Path> examples() throws Exception {
    try (Stream<Path> s = Files.walk(EXAMPLES)) {
      return s
          .filter(p -> p.getFileName().toString().matches("(cluster|cfctl)\\.yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  @DisplayName("every shipped example validates (exit 0)")
  void examplesValidate(Path example) {
    CliRun run = CliRun.of("validate", example.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("is valid"), run.out());
  }

  @ParameterizedTest
  @MethodSource("examples")
  @DisplayName("the generated JSON Schema accepts every shipped example")
  void schemaValidatesExamples(Path example) throws Exception {
    CliRun run = CliRun.of("schema");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode schemaNode = new ObjectMapper().readTree(run.out());
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    for (JsonNode doc :
        new YAMLMapper()
            .readerFor(JsonNode.class).readValues(Files.readString(example)).readAll().stream()
                .map(JsonNode.class::cast)
                .toList()) {
      if (doc.path("kind").asText().equalsIgnoreCase("Cluster")) {
        Set<ValidationMessage> errors = schema.validate(doc);
        assertTrue(errors.isEmpty(), example + ": " + errors);
      }
    }
  }

  @Test
  @DisplayName("the schema rejects an unknown field, like the loader")
  void schemaRejectsUnknownField() throws Exception {
    JsonNode schemaNode = new ObjectMapper().readTree(CliRun.of("schema").out());
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    JsonNode bad =
        new YAMLMapper()
            .readTree(
                "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nspec:\n  hosts:\n"
                    + "    - role: single\n      ssh: {adress: 10.0.0.1}\n");
    assertFalse(schema.validate(bad).isEmpty());
  }

  @Test
  @DisplayName("a file with three mistakes: exit 2 and all three reported with line:column")
  void validateReportsAllMistakes(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cluster.yaml");
    Files.writeString(
        f,
        "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nspec:\n  hosts:\n"
            + "    - role: controler\n      ssh:\n        address: 10.0.0.1\n"
            + "        prot: 22\n  k0s:\n    version: banana\n");
    CliRun run = CliRun.of("validate", f.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains(f + ":5:13: error: spec.hosts[0].role"), run.err());
    assertTrue(run.err().contains(f + ":8:9: error: spec.hosts[0].ssh.prot"), run.err());
    assertTrue(run.err().contains(f + ":10:14: error: spec.k0s.version"), run.err());
    assertTrue(run.err().contains("(3 errors)"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void validateJsonListsProblems(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cluster.yaml");
    Files.writeString(
        f,
        "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nspec:\n  hosts:\n"
            + "    - role: worker\n      ssh: {address: 10.0.0.1}\n");
    CliRun run = CliRun.of("validate", "-o", "json", f.toString());
    assertEquals(2, run.exitCode());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertFalse(json.get("valid").asBoolean());
    assertEquals(5, json.get("problems").get(0).get("line").asInt());
  }

  @Test
  void missingFileIsInvalidInput() {
    CliRun run = CliRun.of("validate", "/nonexistent/cluster.yaml");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("does not exist"), run.err());
    assertTrue(run.err().contains("cfctl init"), run.err());
  }

  @Test
  void unknownFlagIsInvalidInput() {
    CliRun run = CliRun.of("validate", "--frobnicate");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Unknown option"), run.err());
  }

  @Test
  @DisplayName("init prints a starter that validates, with roles from flags")
  void initRoundTrip(@TempDir Path dir) throws Exception {
    CliRun init =
        CliRun.of(
            "init",
            "--controller-count",
            "2",
            "--k0s-version",
            "v1.31.2+k0s.0",
            "root@10.0.0.11",
            "10.0.0.12:2222",
            "ops@10.0.0.13");
    assertEquals(0, init.exitCode(), init.err());
    Path f = dir.resolve("cluster.yaml");
    Files.writeString(f, init.out());
    CliRun validate = CliRun.of("validate", f.toString());
    assertEquals(0, validate.exitCode(), validate.err());
    assertTrue(validate.out().contains("3 hosts (2 controller, 1 worker)"), validate.out());
    assertTrue(init.out().contains("port: 2222"));
    assertTrue(init.out().contains("user: \"ops\""));
    assertTrue(init.out().contains("url: \"file:"), "file:// repository by default");
  }

  @Test
  void initRejectsBadAddress() {
    CliRun run = CliRun.of("init", "root@@bad");
    assertEquals(2, run.exitCode());
  }

  @Test
  void versionPrintsCfctlAndPinnedK0s() {
    CliRun run = CliRun.of("version", "../examples/ha/cluster.yaml");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("cfctl "), run.out());
    assertTrue(run.out().contains("k0s v1.31.2+k0s.0"), run.out());
    assertEquals(0, CliRun.of("--version").exitCode());
  }

  @Test
  @DisplayName("--help lists only commands that work")
  void helpListsWorkingCommands() {
    CliRun run = CliRun.of("--help");
    assertEquals(0, run.exitCode());
    for (String c : List.of("version", "init", "validate", "schema")) {
      assertTrue(run.out().contains("  " + c), c + " missing from help:\n" + run.out());
    }
  }

  @Test
  void applyOffersK0sctlsHostFlags() {
    CliRun run = CliRun.of("apply", "--help");
    for (String flag :
        List.of("--no-drain", "--concurrency", "--concurrent-uploads", "--no-wait")) {
      assertTrue(run.out().contains(flag), flag + " missing from apply --help:\n" + run.out());
    }
  }

  @Test
  void configFromStdinViaDash() throws Exception {
    var saved = System.in;
    try {
      System.setIn(
          new java.io.ByteArrayInputStream(
              ("apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nspec:\n  hosts:\n"
                      + "    - role: single\n      ssh: {address: 10.0.0.1}\n")
                  .getBytes()));
      CliRun run = CliRun.of("validate", "-");
      assertEquals(0, run.exitCode(), run.err());
    } finally {
      System.setIn(saved);
    }
  }
}
