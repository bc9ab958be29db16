package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterfactory.cfctl.core.error.ExitCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec.registries and spec.charts: bad mirrors are errors (exit 2) at their YAML paths. */
class MirrorsCheckTest {
  private static final String HEAD =
      """
      apiVersion: cfctl.clusterfactory.io/v1beta1
      kind: Cluster
      metadata: {name: t}
      spec:
        hosts:
          - role: single
            ssh: {address: 10.0.0.10}
      """;

  @TempDir Path dir;

  private LoadedConfig load(String more) {
    return new ConfigLoader(Map.<String, String>of()::get, ValidationMode.OFFLINE)
        .load(HEAD + more, "cluster.yaml", dir);
  }

  private InvalidConfigException refused(String more) {
    return assertThrows(InvalidConfigException.class, () -> load(more));
  }

  private static Problem at(List<Problem> problems, String path, String fragment) {
    return problems.stream()
        .filter(p -> p.path().equals(path) && p.message().contains(fragment))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no '" + fragment + "' at " + path + " in " + problems));
  }

  @Test
  @DisplayName("valid mirrors load, with the rewrites in a stable order")
  void valid() {
    LoadedConfig c =
        load(
            """
              registries:
                mirror: registry.site.local:5000/mirror
                rewrites:
                  quay.io: quay.site.local
                  docker.io: registry.site.local/dockerhub
                  localhost:5000: registry.site.local/local
              charts:
                mirror: oci://registry.site.local/charts
            """);
    assertEquals(
        List.of("docker.io", "localhost:5000", "quay.io"),
        List.copyOf(c.cluster().spec().registries().rewrites().keySet()));
    assertEquals("registry.site.local/charts", ChartMirror.of(c.cluster().spec()).get().repoUrl());
  }

  @Test
  @DisplayName("a mirror that is no host[:port][/path], a key that is no registry host: exit 2")
  void invalid() {
    InvalidConfigException e =
        refused(
            """
              registries:
                mirror: https://registry.site.local
                rewrites:
                  dockerhub: registry.site.local/dockerhub
                  quay.io: Registry.Site.Local/UPPER
                  ghcr.io: "registry.site.local:port"
              charts:
                mirror: ftp://charts.site.local
            """);
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    List<Problem> p = e.problems();
    Problem scheme = at(p, "spec.registries.mirror", "has a scheme");
    assertEquals(9, scheme.position().line());
    at(p, "spec.registries.rewrites.dockerhub", "is not a registry host");
    at(p, "spec.registries.rewrites.\"quay.io\"", "is not a valid host[:port][/path]");
    at(p, "spec.registries.rewrites.\"ghcr.io\"", "is not a valid host[:port][/path]");
    at(p, "spec.charts.mirror", "is not an http(s):// Helm repository");
    assertEquals(5, p.size(), p.toString());
  }

  @Test
  @DisplayName("an oci:// chart mirror cannot serve multus's plain manifest")
  void ociWithMultus() {
    InvalidConfigException e =
        refused(
            """
              network:
                multus: {}
              charts:
                mirror: oci://registry.site.local/charts
            """);
    at(e.problems(), "spec.charts.mirror", "multus is a plain manifest");
  }
}
