package io.clusterfactory.cfctl.core.airgap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.hydrate.ChartCache;
import io.clusterfactory.cfctl.core.hydrate.ChartRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks {@code apply --bundle} makes before anything is touched, and what it reads. */
class OpenedBundleTest {
  static final String V = "v1.31.2+k0s.0";
  static final String MIRROR = "https://charts.site.example/cfctl";
  static final String UPSTREAM = "https://charts.example.org";

  @TempDir Path dir;
  Path bundle;
  LoadedConfig config;
  final byte[] chart = "a chart archive".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void write() throws Exception {
    config =
        ConfigLoader.offline()
            .load(
                "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata: {name: t}\n"
                    + "spec:\n  hosts:\n    - role: single\n      ssh: {address: 10.0.0.1}\n"
                    + "  k0s: {version: "
                    + V
                    + "}\n",
                "cluster.yaml",
                dir);
    bundle = dir.resolve("bundle");
    Files.createDirectories(bundle.resolve("charts"));
    Files.write(bundle.resolve("charts/demo-1.0.0.tgz"), chart);
    Files.createDirectories(bundle.resolve("k0s/" + V));
    Files.writeString(bundle.resolve("k0s/" + V + "/k0s-" + V + "-amd64"), "k0s");
    Files.createDirectories(bundle.resolve("images"));
    Files.writeString(bundle.resolve("images/k0s.tar"), "images");
    manifest("t", V);
  }

  void manifest(String cluster, String version) {
    AirgapBundle.Chart c =
        new AirgapBundle.Chart(
            "software-demo",
            io.clusterfactory.cfctl.core.hydrate.ChartRef.Kind.HTTP,
            UPSTREAM,
            "demo",
            "1.0.0",
            MIRROR,
            null,
            "charts/demo-1.0.0.tgz",
            ChartCache.digest(chart));
    new AirgapBundle(
            AirgapBundle.FORMAT,
            cluster,
            version,
            List.of("amd64"),
            List.of(),
            List.of(c),
            BundleCollector.files(bundle),
            List.of())
        .writeManifest(bundle);
  }

  @Test
  void aCheckedBundleGivesTheBinaryTheImagesAndSeedsTheChartsUnderTheMirror() throws Exception {
    OpenedBundle b = OpenedBundle.open(bundle, config);
    assertEquals(bundle.resolve("k0s/" + V + "/k0s-" + V + "-amd64"), b.k0sBinary("amd64").get());
    assertTrue(b.k0sBinary("arm64").isEmpty());
    assertEquals(List.of("k0s.tar"), b.imageArchives().stream().map(a -> a.name()).toList());
    ChartCache cache = new ChartCache(dir.resolve("cache"));
    assertEquals(1, b.seed(cache));
    Path seeded = cache.lookup(new ChartRef(ChartRef.Kind.HTTP, MIRROR, "demo", "1.0.0")).get();
    assertEquals(ChartCache.digest(chart), ChartCache.digest(Files.readAllBytes(seeded)));
  }

  @Test
  void aChangedMissingOrUnlistedFileAnotherClusterOrK0sVersionIsExit2NamingEach() throws Exception {
    Files.writeString(bundle.resolve("images/k0s.tar"), "other bytes");
    Files.delete(bundle.resolve("charts/demo-1.0.0.tgz"));
    Files.writeString(bundle.resolve("images/new.tar"), "unlisted");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> OpenedBundle.open(bundle, config));
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("images/k0s.tar: its sha256"), e.getMessage());
    assertTrue(e.getMessage().contains("charts/demo-1.0.0.tgz: missing"), e.getMessage());
    assertTrue(e.getMessage().contains("images/new.tar: not listed"), e.getMessage());

    Files.delete(bundle.resolve("images/new.tar"));
    Files.write(bundle.resolve("charts/demo-1.0.0.tgz"), chart);
    Files.writeString(bundle.resolve("images/k0s.tar"), "images");
    manifest("other", "v1.30.0+k0s.0");
    InvalidInputException other =
        assertThrows(InvalidInputException.class, () -> OpenedBundle.open(bundle, config));
    assertTrue(other.getMessage().contains("of cluster other, not of t"), other.getMessage());
    assertTrue(other.getMessage().contains("spec.k0s.version is " + V), other.getMessage());
  }

  @Test
  void aPathOutsideTheBundleAndAListsOnlyBundleAreRefused() throws Exception {
    Files.writeString(
        bundle.resolve("manifest.json"),
        Files.readString(bundle.resolve("manifest.json"))
            .replace("\"images/k0s.tar\"", "\"../escape.tar\""));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> OpenedBundle.open(bundle, config));
    assertTrue(e.getMessage().contains("../escape.tar: not a path inside"), e.getMessage());

    new AirgapBundle(AirgapBundle.FORMAT, "t", V, null, List.of(), List.of(), null, List.of())
        .writeManifest(bundle);
    InvalidInputException lists =
        assertThrows(InvalidInputException.class, () -> OpenedBundle.open(bundle, config));
    assertTrue(lists.getMessage().contains("--lists-only"), lists.getMessage());
  }
}
