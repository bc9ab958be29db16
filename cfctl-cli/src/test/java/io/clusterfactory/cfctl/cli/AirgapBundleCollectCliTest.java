package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.hydrate.ChartCache;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfctl airgap bundle} collecting from loopback alone: a Helm repository serving the site
 * Application's chart and a stand-in k0s release with its sha256sums.txt.
 */
@MockApiTier
class AirgapBundleCollectCliTest {
  @TempDir Path dir;
  LoopbackChartRepo charts;
  LoopbackK0sRelease k0s;
  Path config;
  Path bare;

  @BeforeEach
  void start() throws Exception {
    charts = new LoopbackChartRepo(dir);
    k0s = new LoopbackK0sRelease();
    config = dir.resolve("site/cluster.yaml");
    Files.createDirectories(config.getParent());
    bare = dir.resolve("gitops.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    Files.writeString(config, k0s.pointHostsHere(charts.clusterYaml(bare.toUri().toString())));
  }

  @AfterEach
  void stop() {
    charts.close();
    k0s.close();
  }

  void assertNothingPushed() throws Exception {
    try (Git git = Git.open(bare.toFile())) {
      assertEquals(List.of(), git.getRepository().getRefDatabase().getRefs(), "nothing pushed");
    }
  }

  CliRun bundle(Path out, String... more) {
    List<String> args =
        new ArrayList<>(List.of("airgap", "bundle", config.toString(), "-o", out.toString()));
    args.addAll(List.of(more));
    // images' digests are asked of their registries, which a test does not reach
    // (AirgapImageDigestsCliTest resolves them from a loopback registry)
    args.addAll(List.of("--image-digests", "none"));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void collectsTheChartsAndK0sForEachArchAndListsEveryFileDeterministically() throws Exception {
    Path a = dir.resolve("a");
    CliRun run = bundle(a, "--arch", "arm64,amd64", "--timeout", "2m");
    assertEquals(0, run.exitCode(), run.err());

    assertArrayEquals(charts.archive(), Files.readAllBytes(a.resolve("charts/demo-0.1.0.tgz")));
    for (String arch : List.of("amd64", "arm64")) {
      String asset = "k0s-v1.31.2+k0s.0-" + arch;
      assertArrayEquals(
          k0s.assets.get(asset), Files.readAllBytes(a.resolve("k0s/v1.31.2+k0s.0/" + asset)));
      String images = "k0s-airgap-bundle-v1.31.2+k0s.0-" + arch;
      assertArrayEquals(
          k0s.assets.get(images), Files.readAllBytes(a.resolve("images/" + images + ".tar")));
    }
    assertTrue(Files.isRegularFile(a.resolve("images.txt")));

    JsonNode m = new ObjectMapper().readTree(a.resolve("manifest.json").toFile());
    assertEquals("single", m.path("cluster").asText());
    assertEquals("v1.31.2+k0s.0", m.path("k0sVersion").asText());
    assertEquals("[\"amd64\",\"arm64\"]", m.path("architectures").toString());
    JsonNode demo = m.path("charts").get(0);
    assertEquals("charts/demo-0.1.0.tgz", demo.path("file").asText());
    assertEquals(ChartCache.digest(charts.archive()), demo.path("sha256").asText());
    List<String> paths = new ArrayList<>();
    for (JsonNode f : m.path("files")) {
      paths.add(f.path("path").asText());
      byte[] bytes = Files.readAllBytes(a.resolve(f.path("path").asText()));
      assertEquals(bytes.length, f.path("size").asLong(), f.toString());
      assertEquals(LoopbackK0sRelease.sha256(bytes), f.path("sha256").asText(), f.toString());
    }
    assertEquals(
        List.of(
            "charts/demo-0.1.0.tgz",
            "images.txt",
            "images/k0s-airgap-bundle-v1.31.2+k0s.0-amd64.tar",
            "images/k0s-airgap-bundle-v1.31.2+k0s.0-arm64.tar",
            "k0s/v1.31.2+k0s.0/k0s-v1.31.2+k0s.0-amd64",
            "k0s/v1.31.2+k0s.0/k0s-v1.31.2+k0s.0-arm64"),
        paths);
    String left = m.path("left").toString();
    assertFalse(left.contains("k0s airgap list-images"), "k0s's images are in the bundle: " + left);
    assertFalse(left.contains("helm pull"), "the charts are in the bundle: " + left);

    Path b = dir.resolve("b");
    CliRun again = bundle(b, "--arch", "amd64,arm64", "--timeout", "2m");
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(
        Files.readString(a.resolve("manifest.json")), Files.readString(b.resolve("manifest.json")));

    // a user's image bundle in images/ is listed by the next run; a stale arch is gone
    Files.createDirectories(a.resolve("images"));
    Files.writeString(a.resolve("images/k0s-images.tar"), "tar bytes");
    assertEquals(0, bundle(a).exitCode());
    String manifest = Files.readString(a.resolve("manifest.json"));
    assertTrue(manifest.contains("images/k0s-images.tar"), manifest);
    assertFalse(Files.exists(a.resolve("k0s/v1.31.2+k0s.0/k0s-v1.31.2+k0s.0-arm64")));
    assertFalse(Files.exists(a.resolve("images/k0s-airgap-bundle-v1.31.2+k0s.0-arm64.tar")));
    assertTrue(Files.exists(a.resolve("images/k0s-airgap-bundle-v1.31.2+k0s.0-amd64.tar")));

    // without k0s's images, the bundle says how to bring them
    Path c = dir.resolve("c");
    assertEquals(0, bundle(c, "--no-k0s-images").exitCode());
    assertFalse(Files.exists(c.resolve("images")));
    assertTrue(
        Files.readString(c.resolve("manifest.json")).contains("k0s airgap list-images"),
        "left names the step");
  }

  static final String PINNED = "busybox@sha256:" + "0123456789abcdef".repeat(4);

  @Test
  void listsTheImagesTheChartsRunAsHelmRendersThemWithTheSitesValues() throws Exception {
    charts.close();
    charts =
        new LoopbackChartRepo(
            dir,
            Map.of(
                "templates/deploy.yaml",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"
                    + "spec:\n  selector:\n    matchLabels: {app: demo}\n  template:\n"
                    + "    metadata:\n      labels: {app: demo}\n    spec:\n"
                    + "      initContainers:\n        - name: init\n          image: "
                    + PINNED
                    + "\n      containers:\n        - name: app\n"
                    + "          image: {{ .Values.appImage | default \"ghcr.io/demo/app:1.2.3\" }}\n"));
    Files.writeString(
        config,
        k0s.pointHostsHere(charts.clusterYaml(bare.toUri().toString()))
                .replace(
                    "values: {greeting: hello}", "values: {appImage: \"ghcr.io/demo/app:2.0.0\"}")
            + "  registries:\n    mirror: registry.site.local/mirror\n");
    Path a = dir.resolve("a");
    CliRun run = bundle(a, "--arch", "amd64", "--timeout", "2m");
    assertEquals(0, run.exitCode(), run.err());

    List<String> listed = Files.readAllLines(a.resolve("images.txt"));
    // the site's value wins over the chart's default; the digest the chart pins is kept
    assertTrue(listed.contains("ghcr.io/demo/app:2.0.0"), listed.toString());
    assertFalse(listed.contains("ghcr.io/demo/app:1.2.3"), listed.toString());
    assertTrue(listed.contains(PINNED), listed.toString());
    JsonNode m = new ObjectMapper().readTree(a.resolve("manifest.json").toFile());
    JsonNode app = null;
    for (JsonNode i : m.path("images")) {
      if (i.path("image").asText().equals("ghcr.io/demo/app:2.0.0")) {
        app = i;
      }
    }
    assertNotNull(app, m.path("images").toString());
    assertEquals(
        "[\"software-demo (chart " + charts.label() + ")\"]", app.path("usedBy").toString());
    assertEquals("registry.site.local/mirror/demo/app:2.0.0", app.path("pulledAs").asText());
    String left = m.path("left").toString();
    assertFalse(left.contains("each chart's own images"), left);
    // the site's own chart names its image by a value no mirror rewrites: said before it is offline
    assertTrue(
        left.contains("outside spec.registries' mirrors")
            && left.contains(
                "software-demo (chart " + charts.label() + "): ghcr.io/demo/app:2.0.0"),
        left);
    assertTrue(left.contains(PINNED), left);
  }

  @Test
  void aChartThatCannotBePulledIsAnErrorNamingItUnlessItIsLeftOut() throws Exception {
    Files.writeString(
        config, Files.readString(config).replace("targetRevision: 0.1.0", "targetRevision: 9.9.9"));
    CliRun run = bundle(dir.resolve("o"), "--timeout", "1m");
    assertNotEquals(0, run.exitCode());
    assertTrue(run.err().contains("software-demo"), run.err());
    assertTrue(run.err().contains("demo 9.9.9"), run.err());
    assertFalse(Files.exists(dir.resolve("o/manifest.json")), "no manifest of a failed bundle");

    int before = charts.requests.get();
    CliRun left = bundle(dir.resolve("o"), "--timeout", "1m", "--leave-out-unpullable");
    assertEquals(0, left.exitCode(), left.err());
    JsonNode m = new ObjectMapper().readTree(dir.resolve("o/manifest.json").toFile());
    assertTrue(m.path("left").toString().contains("software-demo"), m.path("left").toString());
    assertTrue(m.path("charts").get(0).path("file").isMissingNode());
    // its images are not known either, and rendering the charts asks the repository nothing more
    assertTrue(
        m.path("left").toString().contains("the images of the chart of software-demo"),
        m.path("left").toString());
    assertEquals(1, charts.requests.get() - before, "one request: the pull that failed");
  }

  @Test
  void aChartWhoseArchiveIsNotTheLocksDigestIsRefused() throws Exception {
    Files.writeString(
        config.getParent().resolve("charts.lock.yaml"),
        "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: ChartLock\ncharts:\n"
            + "  - repository: "
            + charts.url()
            + "\n    chart: demo\n    version: 0.1.0\n    digest: sha256:"
            + "0".repeat(64)
            + "\n");
    CliRun run = bundle(dir.resolve("o"), "--timeout", "1m");
    assertNotEquals(0, run.exitCode());
    assertTrue(run.err().contains("differs from the lock"), run.err());
    assertTrue(run.err().contains(ChartCache.digest(charts.archive())), run.err());
    assertFalse(Files.exists(dir.resolve("o/charts/demo-0.1.0.tgz")));
  }

  @Test
  void aK0sBinaryThatIsNotTheReleasesSha256IsRefused() throws Exception {
    k0s.sums = "f".repeat(64) + " *k0s-v1.31.2+k0s.0-amd64\n";
    CliRun run = bundle(dir.resolve("o"), "--timeout", "1m");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("checksum mismatch"), run.err());
    assertFalse(Files.exists(dir.resolve("o/k0s/v1.31.2+k0s.0/k0s-v1.31.2+k0s.0-amd64")));

    // so is an image bundle that is not the release's
    String binary = "k0s-v1.31.2+k0s.0-amd64";
    k0s.sums =
        LoopbackK0sRelease.sha256(k0s.assets.get(binary))
            + " *"
            + binary
            + "\n"
            + "e".repeat(64)
            + " *k0s-airgap-bundle-v1.31.2+k0s.0-amd64\n";
    CliRun images = bundle(dir.resolve("p"), "--timeout", "1m");
    assertEquals(1, images.exitCode(), images.err());
    assertTrue(images.err().contains("checksum mismatch"), images.err());
    assertTrue(images.err().contains("k0s-airgap-bundle-v1.31.2+k0s.0-amd64"), images.err());
    assertFalse(Files.exists(dir.resolve("p/images/k0s-airgap-bundle-v1.31.2+k0s.0-amd64.tar")));
  }

  @Test
  void diffFromTheBundleHydratesWithoutAskingTheChartRepository() throws Exception {
    Path a = dir.resolve("a");
    assertEquals(0, bundle(a, "--timeout", "1m").exitCode());
    int asked = charts.requests.get();
    CliRun diff = CliRun.of("diff", config.toString(), "--bundle", a.toString(), "--offline");
    assertEquals(1, diff.exitCode(), "changes (a first publish): " + diff.err());
    assertFalse(diff.out().contains("could not hydrate"), diff.out());
    assertTrue(diff.out().contains("demo-cm"), "the chart's objects are compared: " + diff.out());
    assertEquals(asked, charts.requests.get(), "no request to the chart repository");
  }

  @Test
  void aTamperedBundleOrOneOfAnotherClusterIsRefusedBeforeAnythingIsTouched() throws Exception {
    Path a = dir.resolve("a");
    assertEquals(0, bundle(a, "--timeout", "1m").exitCode());
    Path binary = a.resolve("k0s/v1.31.2+k0s.0/k0s-v1.31.2+k0s.0-amd64");
    byte[] good = Files.readAllBytes(binary);
    Files.writeString(binary, "#!/bin/sh\necho not k0s\n");
    // --only gitops: a run past the check would push the tree to the bare repository
    CliRun tampered =
        CliRun.of("apply", config.toString(), "--bundle", a.toString(), "--only", "gitops");
    assertEquals(2, tampered.exitCode(), tampered.err());
    assertTrue(tampered.err().contains("k0s-v1.31.2+k0s.0-amd64"), tampered.err());
    assertTrue(tampered.err().contains("(changed)"), tampered.err());
    assertNothingPushed();
    Files.write(binary, good);
    CliRun good2 =
        CliRun.of("apply", config.toString(), "--bundle", a.toString(), "--only", "gitops");
    assertEquals(0, good2.exitCode(), "the same bundle untampered applies: " + good2.err());

    Files.createDirectories(a.resolve("images"));
    Files.writeString(a.resolve("images/extra.tar"), "unlisted");
    CliRun unlisted =
        CliRun.of(
            "apply", config.toString(), "--bundle", a.toString(), "--dry-run", "--only", "gitops");
    assertEquals(2, unlisted.exitCode(), unlisted.err());
    assertTrue(unlisted.err().contains("images/extra.tar: not listed"), unlisted.err());
    Files.delete(a.resolve("images/extra.tar"));

    Files.writeString(
        config,
        Files.readString(config)
            .replace("name: single", "name: other")
            .replace("version: v1.31.2+k0s.0", "version: v1.31.3+k0s.0"));
    CliRun other =
        CliRun.of("apply", config.toString(), "--bundle", a.toString(), "--only", "gitops");
    assertEquals(2, other.exitCode(), other.err());
    assertTrue(other.err().contains("not of other"), other.err());
    assertTrue(other.err().contains("spec.k0s.version is v1.31.3+k0s.0"), other.err());
  }
}
