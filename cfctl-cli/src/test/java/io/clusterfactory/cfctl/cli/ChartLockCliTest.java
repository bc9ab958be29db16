package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.hydrate.ChartCache;
import io.clusterfactory.cfctl.core.hydrate.ChartLock;
import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart lock and {@code render --hydrate} through the CLI, against a chart the test makes and
 * serves on loopback: {@code --update-lock} pins what was pulled, a digest that is not the pinned
 * one is refused by name (apply touches nothing, diff exits 2), and the hydrated objects are
 * written one folder per Application, the same bytes on every run.
 */
@MockApiTier
class ChartLockCliTest {
  static final String WRONG = "sha256:" + "0".repeat(64);

  @TempDir Path dir;
  LoopbackChartRepo repo;
  Path site;
  Path config;
  Path bare;

  @BeforeEach
  void start() throws Exception {
    repo = new LoopbackChartRepo(dir);
    bare = dir.resolve("gitops.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    site = dir.resolve("site");
    Files.createDirectories(site);
    config = site.resolve("cluster.yaml");
    Files.writeString(config, repo.clusterYaml(bare.toUri().toString()));
  }

  @AfterEach
  void stop() {
    repo.close();
  }

  String digest() {
    return ChartCache.digest(repo.archive());
  }

  void lockWith(String digest) throws Exception {
    Files.writeString(
        site.resolve(ChartLock.FILE),
        "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: ChartLock\ncharts:\n"
            + "  - repository: "
            + repo.url()
            + "\n    chart: demo\n    version: 0.1.0\n    digest: "
            + digest
            + "\n");
  }

  static Map<String, String> files(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (var s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.readString(p));
      }
    }
    return out;
  }

  @Test
  void updateLockPinsEveryChartPulledAndTheLockReadsBackAndChecks() throws Exception {
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.of("render", config.toString(), "--hydrate", "--update-lock", "-o", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    Path lockFile = site.resolve(ChartLock.FILE);
    ChartLock lock = ChartLock.site(site);
    assertEquals(
        List.of(new ChartLock.Entry(repo.url(), "demo", "0.1.0", digest())), lock.charts());
    String bytes = Files.readString(lockFile);
    assertTrue(bytes.startsWith("# "), bytes);

    // a second run with the lock in place: checked, not refused, and the file keeps its bytes
    CliRun again =
        CliRun.of("render", config.toString(), "--hydrate", "--update-lock", "-o", out.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(bytes, Files.readString(lockFile));
    CliRun checked = CliRun.of("render", config.toString(), "--hydrate", "-o", out.toString());
    assertEquals(0, checked.exitCode(), checked.err());
    assertFalse(checked.err().contains("no lock entry"), checked.err());
  }

  @Test
  void updateLockReplacesAMovedDigestAndNeverPinsAChartItCouldNotPull() throws Exception {
    lockWith(WRONG);
    String unreachable = "http://127.0.0.1:1/nothing";
    Files.writeString(
        config,
        Files.readString(config)
            + "    - name: down\n      stack: software\n      repoURL: "
            + unreachable
            + "\n      chart: gone\n      targetRevision: 1.0.0\n");
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.of(
            "render",
            config.toString(),
            "--hydrate",
            "--update-lock",
            "--timeout",
            "20s",
            "-o",
            out.toString());
    assertEquals(3, run.exitCode(), run.err());
    assertTrue(run.err().contains("software-down (" + unreachable + " gone 1.0.0)"), run.err());
    assertTrue(run.err().contains("nothing was written to " + out), run.err());
    assertFalse(Files.exists(out), "a render that cannot hydrate writes no output");
    assertEquals(
        List.of(new ChartLock.Entry(repo.url(), "demo", "0.1.0", digest())),
        ChartLock.site(site).charts(),
        "the pulled chart has its new digest, the unreachable one none");
  }

  @Test
  void renderRefusesADigestThatIsNotThePinnedOneNamingTheChartBothDigestsAndWritesNothing()
      throws Exception {
    lockWith(WRONG);
    Path out = dir.resolve("out");
    CliRun run = CliRun.of("render", config.toString(), "--hydrate", "-o", out.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains(repo.label()), run.err());
    assertTrue(run.err().contains(WRONG), run.err());
    assertTrue(run.err().contains(digest()), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void applyRefusesADigestThatIsNotThePinnedOneBeforeTouchingGitOrTheCluster() throws Exception {
    lockWith(WRONG);
    try (MockCluster cluster = new MockCluster()) {
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(kubeconfig, cluster.kubeconfig());
      CliRun run =
          CliRun.of(
              "apply",
              config.toString(),
              "--hydrate",
              "--only",
              "gitops",
              "--only",
              "stacks",
              "--kubeconfig",
              kubeconfig.toString(),
              "--timeout",
              "60s");
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(run.err().contains("software-demo (" + repo.label() + ")"), run.err());
      assertTrue(run.err().contains(WRONG), run.err());
      assertTrue(run.err().contains(digest()), run.err());
      assertTrue(run.err().contains("nothing was touched"), run.err());
      assertEquals(List.of(), cluster.dispatcher().writes(), "no write reached the API");
      try (Git git = Git.open(bare.toFile())) {
        assertEquals(List.of(), git.getRepository().getRefDatabase().getRefs(), "nothing pushed");
      }
    }
  }

  @Test
  void diffListsTheRefusedChartAsNotHydratedAndExitsAsForInvalidInput() throws Exception {
    lockWith(WRONG);
    CliRun run = CliRun.of("diff", config.toString(), "--hydrate", "--offline", "-o", "json");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.out().contains("\"incomplete\" : true"), run.out());
    assertTrue(run.out().contains(WRONG) && run.out().contains(digest()), run.out());
    CliRun detailed =
        CliRun.of("diff", config.toString(), "--hydrate", "--offline", "--detailed-exitcode");
    assertEquals(1, detailed.exitCode(), "an error, not changes: " + detailed.err());
    assertTrue(detailed.out().contains("could not hydrate software-demo"), detailed.out());

    lockWith(digest());
    CliRun pinned = CliRun.of("diff", config.toString(), "--hydrate", "--offline");
    assertEquals(1, pinned.exitCode(), "changes (a first publish), no refusal: " + pinned.err());
  }

  @Test
  void renderHydrateWritesEveryObjectPerApplicationWithTheSameBytesOnEveryRun() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path plain = dir.resolve("plain");
    CliRun first = CliRun.of("render", config.toString(), "--hydrate", "-o", a.toString());
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(
        first.err().contains("no lock entry"), "an unlocked chart is a warning: " + first.err());
    CliRun second = CliRun.of("render", config.toString(), "--hydrate", "-o", b.toString());
    assertEquals(0, second.exitCode(), second.err());
    Map<String, String> fa = files(a);
    Map<String, String> fb = files(b);
    assertEquals(fa, fb, "byte-identical on every run");

    Map<String, String> hydrated = new TreeMap<>();
    fa.forEach(
        (k, v) -> {
          if (k.startsWith("hydrated/")) {
            hydrated.put(k, v);
          }
        });
    assertEquals(
        Map.of(
            "hydrated/software-demo/001-customresourcedefinition-widgets.example.org.yaml",
            "# Source: demo/crds/widget.yaml\n"
                + "apiVersion: apiextensions.k8s.io/v1\n"
                + "kind: CustomResourceDefinition\n"
                + "metadata:\n"
                + "  name: widgets.example.org\n",
            "hydrated/software-demo/002-configmap-demo-ns-demo-cm.yaml",
            "# Source: demo/templates/cm.yaml\n"
                + "apiVersion: v1\n"
                + "kind: ConfigMap\n"
                + "metadata:\n"
                + "  name: demo-cm\n"
                + "  namespace: demo-ns\n"
                + "data:\n"
                + "  greeting: hello\n"
                + "  port: \"8080\"\n"),
        hydrated);

    // plain render: the same tree, without the hydrated objects, and it removes those it wrote
    CliRun tree = CliRun.of("render", config.toString(), "-o", plain.toString());
    assertEquals(0, tree.exitCode(), tree.err());
    Map<String, String> expected = new TreeMap<>(fa);
    expected.keySet().removeIf(k -> k.startsWith("hydrated/"));
    expected.remove(".cfctl-rendered");
    Map<String, String> fp = files(plain);
    fp.remove(".cfctl-rendered");
    assertEquals(expected, fp);
    CliRun over = CliRun.of("render", config.toString(), "-o", a.toString());
    assertEquals(0, over.exitCode(), over.err());
    assertFalse(Files.exists(a.resolve("hydrated")), "files render no longer writes are removed");

    CliRun stream = CliRun.of("render", config.toString(), "--hydrate", "-o", "-");
    assertEquals(0, stream.exitCode(), stream.err());
    assertTrue(
        stream
            .out()
            .contains("# Source: hydrated/software-demo/002-configmap-demo-ns-demo-cm.yaml"),
        stream.out());
  }
}
