package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.clusterfactory.cfctl.core.hydrate.ChartCache;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfctl airgap bundle --image-digests mirror}: every image's digest asked of the site's
 * mirror, here a registry on loopback that serves one image index for every tag (and 404 for the
 * repositories a test names).
 */
@MockApiTier
class AirgapImageDigestsCliTest {
  static final String INDEX =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
          + "\"manifests\":[]}";

  @TempDir Path dir;
  LoopbackChartRepo charts;
  LoopbackK0sRelease k0s;
  HttpServer registry;
  final Set<String> missing = ConcurrentHashMap.newKeySet();
  final List<String> asked = new ArrayList<>();
  Path config;

  @BeforeEach
  void start() throws Exception {
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext(
        "/v2/",
        x -> {
          String path = x.getRequestURI().getPath();
          synchronized (asked) {
            asked.add(path);
          }
          byte[] body = INDEX.getBytes(StandardCharsets.UTF_8);
          boolean gone = missing.stream().anyMatch(path::contains);
          if (gone || !path.contains("/manifests/")) {
            x.sendResponseHeaders(404, -1);
          } else {
            x.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.index.v1+json");
            x.getResponseHeaders().add("Docker-Content-Digest", ChartCache.digest(body));
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
          }
          x.close();
        });
    registry.start();
    charts = new LoopbackChartRepo(dir);
    k0s = new LoopbackK0sRelease();
    config = dir.resolve("site/cluster.yaml");
    Files.createDirectories(config.getParent());
    Path bare = dir.resolve("gitops.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    Files.writeString(
        config,
        k0s.pointHostsHere(charts.clusterYaml(bare.toUri().toString()))
            // Multus: an image cfctl renders itself, and no chart (upstream, not reached here)
            + "  network:\n    multus: {}\n"
            + "  registries:\n    mirror: 127.0.0.1:"
            + registry.getAddress().getPort()
            + "/mirror\n");
  }

  @AfterEach
  void stop() {
    registry.stop(0);
    charts.close();
    k0s.close();
  }

  CliRun bundle(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "airgap",
                "bundle",
                config.toString(),
                "-o",
                out.toString(),
                "--timeout",
                "1m",
                "--image-digests",
                "mirror"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void everyImageIsListedWithTheDigestItsMirrorServesAndImagesTxtPinsIt() throws Exception {
    Path a = dir.resolve("a");
    CliRun run = bundle(a);
    assertEquals(0, run.exitCode(), run.err());

    String digest = ChartCache.digest(INDEX.getBytes(StandardCharsets.UTF_8));
    JsonNode m = new ObjectMapper().readTree(a.resolve("manifest.json").toFile());
    assertFalse(m.path("images").isEmpty());
    for (JsonNode i : m.path("images")) {
      assertEquals(digest, i.path("digest").asText(), i.toString());
    }
    List<String> lines = Files.readAllLines(a.resolve("images.txt"));
    assertEquals(m.path("images").size(), lines.size());
    assertTrue(
        lines.contains("ghcr.io/k8snetworkplumbingwg/multus-cni:v4.2.2-thick@" + digest),
        lines.toString());
    synchronized (asked) {
      assertTrue(
          asked.stream()
              .anyMatch(
                  p ->
                      p.startsWith("/v2/mirror/")
                          && p.endsWith("/multus-cni/manifests/v4.2.2-thick")),
          "asked as the mirror serves it: " + asked);
    }
    assertFalse(m.path("left").toString().contains("image digests"), m.path("left").toString());

    // the pinned bundle opens and checks as any other
    CliRun diff = CliRun.of("diff", config.toString(), "--bundle", a.toString(), "--offline");
    assertEquals(1, diff.exitCode(), "changes (a first publish): " + diff.err());
  }

  @Test
  void anImageTheRegistryDoesNotServeFailsTheBundleNamingItUnlessLeftOut() throws Exception {
    missing.add("/multus-cni/");
    CliRun run = bundle(dir.resolve("o"));
    assertNotEquals(0, run.exitCode());
    assertTrue(
        run.err().contains("image ghcr.io/k8snetworkplumbingwg/multus-cni:v4.2.2-thick"),
        run.err());
    assertTrue(run.err().contains("(as 127.0.0.1:"), "the name it was asked as: " + run.err());
    assertTrue(run.err().contains("404"), run.err());
    assertFalse(Files.exists(dir.resolve("o/manifest.json")), "no manifest of a failed bundle");

    CliRun left = bundle(dir.resolve("o"), "--leave-out-unpullable");
    assertEquals(0, left.exitCode(), left.err());
    JsonNode m = new ObjectMapper().readTree(dir.resolve("o/manifest.json").toFile());
    assertTrue(
        m.path("left").toString().contains("the digest of ghcr.io/k8snetworkplumbingwg/multus-cni"),
        m.path("left").toString());
  }

  @Test
  void mirrorWithoutRegistriesIsExit2AndAnUnknownSourceIsAUsageError() throws Exception {
    Files.writeString(
        config, Files.readString(config).replaceAll("(?s)  registries:\n    mirror: \\S+\n", ""));
    CliRun run = bundle(dir.resolve("o"));
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("spec.registries names no mirror"), run.err());
    assertFalse(Files.exists(dir.resolve("o")), "nothing written");

    CliRun usage =
        CliRun.of(
            "airgap",
            "bundle",
            config.toString(),
            "-o",
            dir.resolve("o").toString(),
            "--image-digests",
            "everywhere");
    assertEquals(2, usage.exitCode(), usage.err());
    assertTrue(usage.err().contains("--image-digests takes upstream, mirror or none"), usage.err());
  }
}
