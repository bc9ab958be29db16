package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster with spec.charts.mirror is hydrated from that mirror alone (a loopback repository
 * serving a chart the test makes under the pinned name and version), and the chart sees the
 * mirrored image value cfctl sets.
 */
@MockApiTier
class MirroredHydrationTest {
  @TempDir Path tmp;
  private LoopbackServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void chartsComeFromTheMirrorWithTheMirroredImageValues() throws Exception {
    byte[] tgz =
        TestCharts.pack(
            tmp,
            "metallb",
            "0.15.2",
            Map.of(
                "values.yaml",
                "controller:\n  image:\n    repository: up\n",
                "templates/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: images\ndata:\n"
                    + "  controller: {{ .Values.controller.image.repository | quote }}\n"));
    byte[] index = TestCharts.index("metallb", "0.15.2", "metallb-0.15.2.tgz");
    server =
        LoopbackServer.serve(
            path ->
                path.equals("/cfctl/index.yaml")
                    ? index
                    : path.equals("/cfctl/metallb-0.15.2.tgz") ? tgz : null);
    String mirror = server.url("/cfctl");
    LoadedConfig config =
        new ConfigLoader(Map.<String, String>of()::get, ValidationMode.OFFLINE)
            .load(
                """
                apiVersion: cfctl.clusterfactory.io/v1beta1
                kind: Cluster
                metadata: {name: t}
                spec:
                  hosts:
                    - role: single
                      ssh: {address: 10.0.0.10}
                  registries: {mirror: registry.site.local/mirror}
                  charts: {mirror: "%s"}
                  network:
                    domain: t.example.com
                    metallb:
                      pools: [{name: a, addresses: [10.0.0.240/28]}]
                  gitops:
                    repository: {url: "file:///srv/g.git"}
                """
                    .formatted(mirror),
                "cluster.yaml",
                tmp);

    HelmHydrator h =
        new HelmHydrator(
            new ChartCache(tmp.resolve("cache")),
            Map.of(),
            Deadline.in(Duration.ofSeconds(60)).at());
    HydratedTree t = h.hydrate(TreeRenderer.render(config));

    assertTrue(t.complete(), () -> t.missing().toString());
    HydratedApplication metallb = t.application("network-metallb").orElseThrow();
    ObjectNode cm =
        metallb.objects().stream()
            .map(HydratedApplication.HydratedObject::body)
            .filter(b -> b.path("kind").asText().equals("ConfigMap"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "registry.site.local/mirror/metallb/controller", cm.at("/data/controller").asText());
    assertEquals(List.of("/cfctl/index.yaml", "/cfctl/metallb-0.15.2.tgz"), server.asked());

    // the lock pins the chart under its upstream repository; through the mirror the same archive
    // matches that entry, and another archive is refused by it
    String upstream = "https://metallb.github.io/metallb metallb 0.15.2";
    String digest = ChartCache.digest(tgz);
    HelmHydrator pinned =
        new HelmHydrator(
            new ChartCache(tmp.resolve("cache")),
            Map.of(upstream, digest),
            Deadline.in(Duration.ofSeconds(60)).at());
    assertTrue(pinned.hydrate(TreeRenderer.render(config)).complete());
    assertEquals(List.of(), pinned.unlocked());
    HelmHydrator wrong =
        new HelmHydrator(
            new ChartCache(tmp.resolve("cache")),
            Map.of(upstream, "sha256:" + "0".repeat(64)),
            Deadline.in(Duration.ofSeconds(60)).at());
    HydratedTree refused = wrong.hydrate(TreeRenderer.render(config));
    assertTrue(
        refused.missing().stream().anyMatch(Unhydrated::lockRefused), refused.missing()::toString);
  }
}
