package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cfctl validate` checks the objects of the tree it renders, offline (docs/validation.md). */
class ValidateObjectsCliTest {
  @TempDir Path dir;

  /** examples/single with one site manifest file holding {@code manifest}. */
  private Path config(String manifest) throws Exception {
    return config(manifest, "");
  }

  /** The same, with {@code patches} (YAML lines of the manifests entry) over its objects. */
  private Path config(String manifest, String patches) throws Exception {
    String single = Files.readString(Path.of("../examples/single/cluster.yaml"));
    Path cluster = dir.resolve("cluster.yaml");
    Files.writeString(
        cluster,
        single
            + "  manifests:\n  - name: extra\n    stack: software\n    paths: [extra.yaml]\n"
            + patches);
    Files.writeString(dir.resolve("extra.yaml"), manifest);
    return cluster;
  }

  private static final String GOOD =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: b\n";

  @Test
  void anUnknownFieldInASiteManifestExitsTwoWithTheFileObjectAndFieldPath() throws Exception {
    Path cluster =
        config(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                + "  selector:\n    matchLabels: {app: web}\n  template:\n"
                + "    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n"
                + "      - name: web\n        image: nginx:1.27\n        imagePullPolicyy: Always\n");
    CliRun run = CliRun.of("validate", cluster.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("Deployment web: spec.template.spec.containers[0].imagePullPolicyy"),
        run.err());
    assertTrue(run.err().contains("manifests/software/extra/"), run.err());
    assertFalse(run.out().contains("is valid"), run.out());

    JsonNode json =
        new ObjectMapper().readTree(CliRun.of("validate", cluster.toString(), "-o", "json").out());
    assertFalse(json.path("valid").asBoolean(true), json.toString());
    JsonNode f = json.path("objects").get(0);
    assertEquals("error", f.path("severity").asText(), json.toString());
    assertEquals("spec.template.spec.containers[0].imagePullPolicyy", f.path("path").asText());
    assertEquals("Deployment web", f.path("object").asText());
    assertTrue(f.path("line").asInt() > 0, f.toString());
    assertEquals(2, CliRun.of("validate", cluster.toString(), "-o", "json").exitCode());
  }

  @Test
  void aValidSiteManifestPasses() throws Exception {
    Path cluster = config(GOOD);
    CliRun run = CliRun.of("validate", cluster.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("is valid"), run.out());
    JsonNode json =
        new ObjectMapper().readTree(CliRun.of("validate", cluster.toString(), "-o", "json").out());
    assertTrue(json.path("valid").asBoolean(false), json.toString());
    assertEquals(0, json.path("objects").size(), json.toString());
  }

  @Test
  void aPatchWhoseResultIsInvalidExitsTwoWithThePath() throws Exception {
    Path cluster =
        config(
            GOOD,
            "    patches:\n    - target: {kind: ConfigMap, name: extra}\n      type: merge\n"
                + "      patch: {data: {a: [1, 2]}}\n");
    CliRun run = CliRun.of("validate", cluster.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("ConfigMap extra: data.a:"), run.err());
  }
}
