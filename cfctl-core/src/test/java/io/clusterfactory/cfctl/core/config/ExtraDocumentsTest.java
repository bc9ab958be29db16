package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Further documents of the config file are kept as manifests, and hook names are checked. */
class ExtraDocumentsTest {
  private static final String CLUSTER =
      "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata:\n  name: t\n"
          + "spec:\n  hosts:\n    - role: single\n      ssh: {address: 10.0.0.1}\n";

  static LoadedConfig load(String yaml) {
    return new ConfigLoader(Map.<String, String>of()::get, ValidationMode.OFFLINE)
        .load(yaml, "c.yaml", Path.of("/tmp"));
  }

  @Test
  @DisplayName("Kubernetes documents after the Cluster are kept, in order, with their positions")
  void keptWithPositions() {
    LoadedConfig loaded =
        load(
            CLUSTER
                + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n"
                + "---\n"
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n"
                + "  namespace: apps\ndata:\n  contract: 0x0000000000000000000000000000000000000001\n");
    List<ExtraManifest> m = loaded.manifests();
    assertEquals(2, m.size());
    assertEquals("Namespace", m.get(0).kind());
    assertEquals("apps", m.get(0).name());
    assertNull(m.get(0).namespace());
    assertEquals(10, m.get(0).position().line());
    ExtraManifest cm = m.get(1);
    assertEquals(3, cm.index());
    assertEquals("v1", cm.apiVersion());
    assertEquals("extra", cm.name());
    assertEquals("apps", cm.namespace());
    assertEquals(15, cm.position().line());
    assertEquals(19, cm.sourceMap().valueOf("metadata.namespace").line());
    // Kept as YAML 1.1 typed it (free-form): applying it writes the number go-yaml would read.
    assertTrue(cm.body().at("/data/contract").isNumber());
  }

  @Test
  @DisplayName("a further document without apiVersion, kind or metadata.name is an error there")
  void incompleteDocuments() {
    InvalidConfigException e =
        ConfigLoaderTest.invalid(
            CLUSTER
                + "---\nkind: ConfigMap\nmetadata: {name: a}\n"
                + "---\napiVersion: v1\nkind: Secret\nmetadata: {namespace: x}\n"
                + "---\n- just\n- a list\n");
    String report = e.getMessage();
    assertTrue(
        report.contains("c.yaml:10:1: error: documents[1].apiVersion: document 2 of the file"),
        report);
    assertTrue(
        report.contains("c.yaml:15:11: error: documents[2].metadata.name: document 3 of the file"),
        report);
    assertTrue(
        report.contains(
            "c.yaml:17:1: error: documents[3]: document 4 of the file is not a mapping"),
        report);
    assertTrue(report.contains("(3 errors)"), report);
  }

  @Test
  @DisplayName("a hook action cfctl does not run is refused, naming it, at its key")
  void hookActions() {
    String hooks =
        "      hooks:\n"
            + "        apply: {before: [echo a]}\n"
            + "        reset: {after: [echo r]}\n"
            + "        upgrade: {before: [echo u]}\n"
            + "        backup: {before: [echo b]}\n";
    InvalidConfigException e = ConfigLoaderTest.invalid(CLUSTER + hooks);
    String report = e.getMessage();
    assertTrue(
        report.contains(
            "c.yaml:12:9: error: spec.hosts[0].hooks.upgrade: unknown hook action 'upgrade'"
                + " (cfctl runs hooks for apply and reset, each with before and after)"),
        report);
    assertTrue(
        report.contains(
            "c.yaml:13:9: error: spec.hosts[0].hooks.backup: cfctl has no backup command yet"),
        report);
    assertTrue(report.contains("(2 errors)"), report);
    load(CLUSTER + "      hooks:\n        apply: {before: [echo a]}\n        reset: {}\n");
  }
}
