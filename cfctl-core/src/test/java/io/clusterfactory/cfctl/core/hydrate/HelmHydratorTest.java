package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.testing.MisbehavingServer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hydration against a loopback Helm repository serving a chart the test makes. */
@MockApiTier
class HelmHydratorTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String VERSION = "0.1.0";

  @TempDir Path tmp;
  private LoopbackServer server;
  private byte[] tgz;

  @BeforeEach
  void serveChart() throws Exception {
    tgz =
        TestCharts.pack(
            tmp,
            "demo",
            VERSION,
            Map.of(
                "values.yaml",
                "greeting: chart-default\nsecond: chart-default\n",
                "templates/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n"
                    + "  namespace: {{ .Release.Namespace }}\ndata:\n"
                    + "  greeting: {{ .Values.greeting | quote }}\n"
                    + "  second: {{ .Values.second | quote }}\n"
                    + "  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n",
                "crds/widget.yaml",
                "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                    + "metadata:\n  name: widgets.example.org\n"));
    // a second version the repository lists but does not serve
    byte[] index =
        ("apiVersion: v1\nentries:\n  demo:\n  - name: demo\n    version: 9.9.9\n"
                + "    urls: [charts/other.tgz]\n  - name: demo\n    version: "
                + VERSION
                + "\n    urls: [charts/demo.tgz]\n")
            .getBytes(StandardCharsets.UTF_8);
    server =
        LoopbackServer.serve(
            path ->
                path.endsWith("/index.yaml")
                    ? index
                    : path.endsWith("/charts/demo.tgz") ? tgz : null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String repo() {
    return server.url("/repo");
  }

  private RenderedTree tree(String repo, String ver) throws Exception {
    ObjectNode app =
        (ObjectNode)
            YAML.readTree(
                "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: demo-app\n"
                    + "spec:\n  destination:\n    namespace: demo-ns\n  sources:\n"
                    + "  - repoURL: "
                    + repo
                    + "\n    chart: demo\n    targetRevision: "
                    + ver
                    + "\n    helm:\n      releaseName: rel\n"
                    + "      valueFiles: [$values/clusters/c1/software/demo/values.yaml,"
                    + " $values/clusters/c1/software/demo/override.yaml]\n"
                    + "  - repoURL: https://git.example/x.git\n    targetRevision: main\n    ref: values\n");
    TreeMap<String, byte[]> files = new TreeMap<>();
    files.put("software/demo/values.yaml", "greeting: first\nsecond: first\n".getBytes());
    files.put("software/demo/override.yaml", "second: override\n".getBytes());
    return TestCharts.treeOf(app, files);
  }

  @Test
  void hydratesWithValuesInOrderReleaseNamespaceAndCrdsThenWarmCacheMakesNoRequest()
      throws Exception {
    ChartCache cache = new ChartCache(tmp.resolve("cache"));
    String ver = VERSION;
    HelmHydrator h = new HelmHydrator(cache, Map.of(), Deadline.in(Duration.ofSeconds(60)).at());
    long t0 = System.nanoTime();
    HydratedTree t = h.hydrate(tree(repo(), ver));
    System.out.println("cold hydrate: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertTrue(t.complete(), () -> t.missing().toString());
    HydratedApplication a = t.application("demo-app").orElseThrow();
    assertEquals("demo-ns", a.namespace());
    assertEquals(ChartCache.digest(tgz), a.digest());
    ObjectNode cm =
        a.objects().stream()
            .map(HydratedApplication.HydratedObject::body)
            .filter(b -> b.path("kind").asText().equals("ConfigMap"))
            .findFirst()
            .orElseThrow();
    assertEquals("rel-cm", cm.at("/metadata/name").asText());
    assertEquals("demo-ns", cm.at("/metadata/namespace").asText());
    assertEquals("first", cm.at("/data/greeting").asText());
    assertEquals("override", cm.at("/data/second").asText());
    assertEquals(
        1,
        a.objects().stream()
            .filter(o -> o.body().path("kind").asText().equals("CustomResourceDefinition"))
            .count(),
        () -> "CRDs included, once: " + a.objects());
    assertEquals(List.of(repo() + " demo " + ver), h.unlocked());
    int before = server.hits();

    HelmHydrator warm = new HelmHydrator(cache, Map.of(), Deadline.in(Duration.ofSeconds(60)).at());
    t0 = System.nanoTime();
    assertTrue(warm.hydrate(tree(repo(), ver)).complete());
    System.out.println(
        "warm hydrate (template only): " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertEquals(before, server.hits(), "a warm cache makes no request");
    assertEquals(0, warm.requests());
  }

  @Test
  void templatesSeeTheClustersKubernetesVersion() throws Exception {
    String ver = VERSION;
    HelmHydrator h =
        new HelmHydrator(
            new ChartCache(tmp.resolve("cache")),
            Map.of(),
            Deadline.in(Duration.ofSeconds(60)).at());
    HydratedApplication a =
        h.hydrate(tree(repo(), ver), "v1.33.4").application("demo-app").orElseThrow();
    ObjectNode cm =
        a.objects().stream()
            .map(HydratedApplication.HydratedObject::body)
            .filter(b -> b.path("kind").asText().equals("ConfigMap"))
            .findFirst()
            .orElseThrow();
    assertEquals("v1.33.4", cm.at("/data/kube").asText());
  }

  @Test
  void aDigestDifferentFromTheLockIsRefusedWithChartExpectedAndGot() throws Exception {
    String ver = VERSION;
    String wrong = "sha256:" + "0".repeat(64);
    HelmHydrator h =
        new HelmHydrator(
            new ChartCache(tmp.resolve("cache")),
            Map.of(repo() + " demo " + ver, wrong),
            Deadline.in(Duration.ofSeconds(60)).at());
    HydratedTree t = h.hydrate(tree(repo(), ver));
    assertTrue(t.applications().isEmpty());
    String reason = t.missing().get(0).reason();
    assertTrue(reason.contains("demo " + ver), reason);
    assertTrue(reason.contains(wrong), reason);
    assertTrue(reason.contains(ChartCache.digest(tgz)), reason);
  }

  @Test
  void aSilentRepositoryEndsWithinTheDeadlineAsUnhydrated() throws Exception {
    try (MisbehavingServer silent = MisbehavingServer.silent()) {
      HelmHydrator h =
          new HelmHydrator(
              new ChartCache(tmp.resolve("cache")),
              Map.of(),
              Deadline.in(Duration.ofSeconds(2)).at());
      long t0 = System.nanoTime();
      HydratedTree t = h.hydrate(tree("http://" + silent.hostPort() + "/repo", "1.0.0"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 6000, "ended in " + ms + " ms");
      assertEquals(1, t.missing().size());
      assertTrue(t.missing().get(0).reason().contains("cannot reach"), t.missing().get(0).reason());
    }
  }
}
