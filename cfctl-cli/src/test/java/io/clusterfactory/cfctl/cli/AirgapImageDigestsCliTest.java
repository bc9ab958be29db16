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
  /** An image of two architectures: an index, each platform's manifest, config and one layer. */
  static final java.util.Map<String, byte[]> BLOBS = new java.util.TreeMap<>();

  static final java.util.Map<String, byte[]> MANIFESTS = new java.util.TreeMap<>();
  static final String INDEX;

  static {
    StringBuilder index =
        new StringBuilder(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[");
    for (String arch : List.of("amd64", "arm64")) {
      byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}").getBytes();
      byte[] layer = ("layer of " + arch).getBytes();
      BLOBS.put(ChartCache.digest(config), config);
      BLOBS.put(ChartCache.digest(layer), layer);
      byte[] manifest =
          ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                  + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                  + "\"digest\":\""
                  + ChartCache.digest(config)
                  + "\",\"size\":"
                  + config.length
                  + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                  + "\"digest\":\""
                  + ChartCache.digest(layer)
                  + "\",\"size\":"
                  + layer.length
                  + "}]}")
              .getBytes();
      MANIFESTS.put(ChartCache.digest(manifest), manifest);
      index
          .append(arch.equals("amd64") ? "" : ",")
          .append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"")
          .append(ChartCache.digest(manifest))
          .append("\",\"size\":")
          .append(manifest.length)
          .append(",\"platform\":{\"os\":\"linux\",\"architecture\":\"")
          .append(arch)
          .append("\"}}");
    }
    INDEX = index.append("]}").toString();
  }

  /** Blobs the registry serves with other bytes than their digest (a tampered mirror). */
  final Set<String> tampered = ConcurrentHashMap.newKeySet();

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
          boolean gone = missing.stream().anyMatch(path::contains);
          String last = path.substring(path.lastIndexOf('/') + 1);
          byte[] body = null;
          String type = "application/octet-stream";
          if (path.contains("/manifests/")) {
            body =
                MANIFESTS.containsKey(last)
                    ? MANIFESTS.get(last)
                    : INDEX.getBytes(StandardCharsets.UTF_8);
            type =
                MANIFESTS.containsKey(last)
                    ? "application/vnd.oci.image.manifest.v1+json"
                    : "application/vnd.oci.image.index.v1+json";
          } else if (path.contains("/blobs/") && BLOBS.containsKey(last)) {
            body = tampered.contains(last) ? "other bytes".getBytes() : BLOBS.get(last);
          }
          if (gone || body == null) {
            x.sendResponseHeaders(404, -1);
          } else {
            x.getResponseHeaders().add("Content-Type", type);
            if (path.contains("/manifests/")) {
              x.getResponseHeaders().add("Docker-Content-Digest", ChartCache.digest(body));
            }
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
  void pulledImagesAreOneOciLayoutPerArchitectureNamedAsTheNodesPullThem() throws Exception {
    Path a = dir.resolve("a");
    CliRun run = bundle(a, "--pull-images", "--arch", "amd64,arm64");
    assertEquals(0, run.exitCode(), run.err());

    for (String arch : List.of("amd64", "arm64")) {
      java.util.Map<String, byte[]> entries = new java.util.TreeMap<>();
      try (var tar =
          new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
              Files.newInputStream(a.resolve("images/cfctl-images-" + arch + ".tar")))) {
        for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          entries.put(e.getName(), tar.readAllBytes());
        }
      }
      assertTrue(entries.containsKey("oci-layout"), entries.keySet().toString());
      JsonNode index = new ObjectMapper().readTree(entries.get("index.json"));
      JsonNode image = index.path("manifests").get(0);
      assertEquals(1, index.path("manifests").size());
      String name = image.path("annotations").path("io.containerd.image.name").asText();
      assertTrue(
          name.startsWith("127.0.0.1:") && name.endsWith("/multus-cni:v4.2.2-thick"),
          "named as the cluster's objects name it (the mirror's name): " + name);
      byte[] manifest = entries.get("blobs/sha256/" + image.path("digest").asText().substring(7));
      assertTrue(new String(manifest).contains(ChartCache.digest(("layer of " + arch).getBytes())));
      String other = arch.equals("amd64") ? "arm64" : "amd64";
      String otherLayer = ChartCache.digest(("layer of " + other).getBytes()).substring(7);
      assertFalse(entries.containsKey("blobs/sha256/" + otherLayer), "only " + arch + "'s layers");
      for (var e : entries.entrySet()) {
        if (e.getKey().startsWith("blobs/sha256/") && e.getValue().length > 0) {
          assertEquals(
              "sha256:" + e.getKey().substring("blobs/sha256/".length()),
              ChartCache.digest(e.getValue()),
              e.getKey());
        }
      }
    }
    JsonNode m = new ObjectMapper().readTree(a.resolve("manifest.json").toFile());
    assertTrue(m.path("files").toString().contains("images/cfctl-images-arm64.tar"));
    assertTrue(m.path("left").toString().contains("images/cfctl-images-<arch>.tar"));
    assertFalse(m.path("left").toString().contains("the images themselves"));
    assertFalse(Files.exists(a.resolve(".cfctl-blobs")), "no scratch folder left");

    // the same registry gives the same bytes
    Path b = dir.resolve("b");
    assertEquals(0, bundle(b, "--pull-images", "--arch", "amd64,arm64").exitCode());
    assertEquals(
        Files.readString(a.resolve("manifest.json")), Files.readString(b.resolve("manifest.json")));
  }

  @Test
  void aLayerWhoseBytesAreNotItsDigestIsRefusedNamingTheImage() throws Exception {
    tampered.add(ChartCache.digest("layer of amd64".getBytes()));
    CliRun run = bundle(dir.resolve("o"), "--pull-images");
    assertNotEquals(0, run.exitCode());
    assertTrue(run.err().contains("image ghcr.io/k8snetworkplumbingwg/multus-cni"), run.err());
    assertTrue(run.err().contains("(refused)"), run.err());
    assertFalse(Files.exists(dir.resolve("o/manifest.json")));
    assertFalse(Files.exists(dir.resolve("o/.cfctl-blobs")), "no scratch folder left");

    CliRun without =
        CliRun.of(
            "airgap",
            "bundle",
            config.toString(),
            "-o",
            dir.resolve("o").toString(),
            "--pull-images",
            "--image-digests",
            "none");
    assertEquals(2, without.exitCode(), without.err());
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
