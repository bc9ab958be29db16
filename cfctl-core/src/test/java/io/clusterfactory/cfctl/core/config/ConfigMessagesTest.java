package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages name the real path and line, in plain words. */
class ConfigMessagesTest {
  private static final String HEAD =
      "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata:\n  name: t\n";
  private static final String HOST = "spec:\n  hosts:\n    - role: single\n";

  @Test
  @DisplayName("an unknown field holding a list is reported at its key, with the key's path")
  void unknownFieldWithAListValue() {
    String report =
        ConfigLoaderTest.invalid(
                HEAD + HOST + "      ssh: {address: 10.0.0.1}\n      installFlag: [--debug]\n")
            .getMessage();
    assertTrue(
        report.contains(
            "c.yaml:9:7: error: spec.hosts[0].installFlag: unknown field 'installFlag' (did you"
                + " mean 'installFlags'?)"),
        report);
  }

  @Test
  @DisplayName("an unknown field holding a mapping, deep in a list, names its path")
  void unknownFieldWithAMappingValue() {
    String report =
        ConfigLoaderTest.invalid(
                HEAD
                    + HOST
                    + "      ssh: {address: 10.0.0.1}\n"
                    + "      hooks:\n        apply:\n          before: [a]\n"
                    + "          during: {x: 1}\n")
            .getMessage();
    assertTrue(
        report.contains("c.yaml:12:11: error: spec.hosts[0].hooks.apply.during: unknown field"),
        report);
    assertFalse(report.contains("]["), report);
  }

  @ParameterizedTest
  @ValueSource(strings = {"metadata:\n", "metadata: \"\"\n", "metadata: ~\n"})
  @DisplayName("an empty metadata: says so in plain words, and the default name applies")
  void emptyMetadata(String metadata) {
    LoadedConfig loaded =
        new ConfigLoader(Map.<String, String>of()::get, ValidationMode.OFFLINE)
            .load(
                "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\n"
                    + metadata
                    + HOST
                    + "      ssh: {address: 10.0.0.1}\n",
                "c.yaml",
                Path.of("/tmp"));
    assertEquals("k0s-cluster", loaded.cluster().metadata().name());
    assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
    String w = loaded.warnings().get(0).format();
    assertTrue(w.startsWith("c.yaml:3:"), w);
    assertTrue(w.contains("metadata is empty, so the cluster gets the default name"), w);
    assertFalse(w.contains("coerce"), w);
  }

  @Test
  @DisplayName("an empty value for a mapping deeper down is absent, not a coercion error")
  void emptyStringForAMapping() {
    String report = ConfigLoaderTest.invalid(HEAD + HOST + "      ssh: \"\"\n").getMessage();
    assertFalse(report.contains("oerc"), report);
    assertTrue(report.contains("spec.hosts[0]: no connection configured"), report);
  }

  @Test
  @DisplayName("a tab is reported at its own line and column")
  void tab() {
    InvalidConfigException e =
        ConfigLoaderTest.invalid(
            HEAD + HOST + "      ssh: {address: 10.0.0.1}\n    \t  hostname: a\n");
    String report = e.getMessage();
    assertTrue(report.contains("(1 error)"), report);
    assertTrue(report.contains("c.yaml:9:5: error: YAML syntax error: a tab character"), report);
  }
}
