package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Anchors, aliases and merge keys resolve to the anchored value, positions stay the user's. */
class YamlAliasesTest {
  private static final String HEAD =
      "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata:\n  name: t\n";

  @Test
  @DisplayName("an alias in a string field is the anchored value, not the anchor's name")
  void aliasIsTheAnchoredValue() {
    Cluster c =
        ConfigLoaderTest.load(
            HEAD
                + "spec:\n  hosts:\n"
                + "    - role: controller\n"
                + "      ssh: {address: 10.0.0.1, user: &user admin}\n"
                + "      hostname: &name node-a\n"
                + "    - role: worker\n"
                + "      ssh: {address: 10.0.0.2, user: *user}\n"
                + "      environment: {NODE: *name}\n");
    Host worker = c.spec().hosts().get(1);
    assertEquals("admin", worker.ssh().user());
    assertEquals(Map.of("NODE", "node-a"), worker.environment());
  }

  @Test
  @DisplayName("<<: *base merges a mapping; the mapping's own keys win")
  void mergeKey() {
    Cluster c =
        ConfigLoaderTest.load(
            HEAD
                + "spec:\n  hosts:\n"
                + "    - role: controller\n"
                + "      ssh: &ssh {address: 10.0.0.1, user: admin, port: 2222}\n"
                + "    - role: worker\n"
                + "      ssh:\n        <<: *ssh\n        address: 10.0.0.2\n");
    var ssh = c.spec().hosts().get(1).ssh();
    assertEquals("10.0.0.2", ssh.address());
    assertEquals("admin", ssh.user());
    assertEquals(2222, ssh.port());
  }

  @Test
  @DisplayName("<<: [*a, *b] merges in order: the first mapping that has a key gives it")
  void mergeList() {
    Cluster c =
        ConfigLoaderTest.load(
            HEAD
                + "spec:\n  hosts:\n"
                + "    - role: controller\n"
                + "      ssh: &a {address: 10.0.0.1, user: first}\n"
                + "      dataDir: /x\n"
                + "    - &b\n      role: worker\n      ssh: {address: 10.0.0.9, user: second, port: 23}\n"
                + "      dataDir: /from-b\n"
                + "    - <<: *b\n"
                + "      ssh:\n        <<: [*a, {port: 2200, user: third}]\n"
                + "        address: 10.0.0.3\n");
    Host third = c.spec().hosts().get(2);
    assertEquals("/from-b", third.dataDir());
    assertEquals("10.0.0.3", third.ssh().address());
    assertEquals("first", third.ssh().user());
    assertEquals(2200, third.ssh().port());
  }

  @Test
  @DisplayName("an error in a merged value points at the line the user wrote it on")
  void positionsOfMergedValues() {
    InvalidConfigException e =
        ConfigLoaderTest.invalid(
            HEAD
                + "spec:\n  hosts:\n"
                + "    - role: controller\n"
                + "      ssh: &ssh {address: 10.0.0.1, port: twenty}\n"
                + "    - role: worker\n"
                + "      ssh:\n        <<: *ssh\n        address: 10.0.0.2\n");
    String report = e.getMessage();
    assertTrue(
        report.contains("c.yaml:8:43: error: spec.hosts[0].ssh.port: expected a whole number"),
        report);
    assertTrue(report.contains("c.yaml:8:43: error: spec.hosts[1].ssh.port"), report);
  }

  @Test
  @DisplayName("a wrong value given through an alias is reported at the alias")
  void positionOfAnAlias() {
    InvalidConfigException e =
        ConfigLoaderTest.invalid(
            HEAD
                + "metadata2: &m {name: x}\n"
                + "spec:\n  hosts:\n"
                + "    - role: controller\n"
                + "      ssh: {address: 10.0.0.1, port: *m}\n");
    String report = e.getMessage();
    assertTrue(
        report.contains(
            "c.yaml:9:38: error: spec.hosts[0].ssh.port: expected a whole number, got a mapping"),
        report);
  }

  @Test
  @DisplayName("an alias to no anchor is an error at the alias")
  void undefinedAlias() {
    InvalidConfigException e =
        ConfigLoaderTest.invalid(
            HEAD
                + "spec:\n  hosts:\n"
                + "    - role: controller\n"
                + "      ssh: {address: 10.0.0.1, user: *nobody}\n");
    String report = e.getMessage();
    assertTrue(
        report.contains(
            "c.yaml:8:38: error: spec.hosts[0].ssh.user: alias *nobody refers to no anchor"),
        report);
  }

  @Test
  @DisplayName("an alias inside the value it names is an error, not a loop")
  void recursiveAlias() {
    InvalidConfigException e =
        ConfigLoaderTest.invalid(
            HEAD
                + "spec:\n  hosts: &h\n"
                + "    - role: controller\n"
                + "      ssh: {address: 10.0.0.1}\n"
                + "      files: *h\n");
    assertTrue(
        e.getMessage().contains("alias *h is inside the value it refers to"), e.getMessage());
  }

  @Test
  @DisplayName("aliases of aliases that expand without bound are refused quickly")
  void aliasBomb() {
    StringBuilder b = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      b.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    Instant start = Instant.now();
    Problems problems = new Problems(null);
    List<YamlDocument> docs = YamlReader.read(b.toString(), "bomb.yaml", problems);
    assertTrue(docs.isEmpty());
    assertTrue(
        problems.all().get(0).message().contains("expand to more than"), problems.all().toString());
    assertTrue(Duration.between(start, Instant.now()).toSeconds() < 10);
  }

  @Test
  @DisplayName("an alias repeats a whole host list entry, and keys keep their positions")
  void aliasOfAMappingKeepsKeyPositions() {
    Problems problems = new Problems(null);
    List<YamlDocument> docs =
        YamlReader.read("a: &x\n  k: 1\nb: *x\nc:\n  <<: *x\n", "s.yaml", problems);
    SourceMap map = docs.get(0).sourceMap();
    assertEquals(2, map.keyOf("b.k").line());
    assertEquals(3, map.valueOf("b").line());
    assertEquals(2, map.keyOf("c.k").line());
    assertEquals(
        "{\"a\":{\"k\":1},\"b\":{\"k\":1},\"c\":{\"k\":1}}", docs.get(0).root().toString());
  }
}
