package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private HttpServer server;
  private final List<String> asked = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void chartsComeFromTheMirrorWithTheMirroredImageValues() throws Exception {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    Helm.create().withName("metallb").withDir(src).call();
    Path chart = src.resolve("metallb");
    try (var s = Files.walk(chart.resolve("templates"))) {
      s.sorted(java.util.Comparator.reverseOrder())
          .filter(p -> !p.equals(chart.resolve("templates")))
          .forEach(p -> p.toFile().delete());
    }
    Files.writeString(
        chart.resolve("Chart.yaml"), "apiVersion: v2\nname: metallb\nversion: 0.15.2\n");
    Files.writeString(chart.resolve("values.yaml"), "controller:\n  image:\n    repository: up\n");
    Files.writeString(
        chart.resolve("templates/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: images\ndata:\n"
            + "  controller: {{ .Values.controller.image.repository | quote }}\n");
    Path out = tmp.resolve("pkg");
    Files.createDirectories(out);
    new Helm(chart).packageIt().withDestination(out).call();
    byte[] tgz = Files.readAllBytes(out.resolve("metallb-0.15.2.tgz"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          asked.add(path);
          byte[] body =
              path.equals("/cfctl/index.yaml")
                  ? ("apiVersion: v1\nentries:\n  metallb:\n  - name: metallb\n"
                          + "    version: 0.15.2\n    urls: [metallb-0.15.2.tgz]\n")
                      .getBytes(StandardCharsets.UTF_8)
                  : path.equals("/cfctl/metallb-0.15.2.tgz") ? tgz : null;
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
    String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/cfctl";
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
    assertEquals(List.of("/cfctl/index.yaml", "/cfctl/metallb-0.15.2.tgz"), asked);

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
