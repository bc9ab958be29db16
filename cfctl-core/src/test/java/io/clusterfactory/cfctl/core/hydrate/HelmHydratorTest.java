package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.testing.MisbehavingServer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hydration against a loopback Helm repository serving a chart the test makes. */
@MockApiTier
class HelmHydratorTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path tmp;
  private HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();
  private byte[] tgz;

  @BeforeEach
  void serveChart() throws Exception {
    long t0 = System.nanoTime();
    Path chartDir = tmp.resolve("src");
    Files.createDirectories(chartDir);
    Helm.create().withName("demo").withDir(chartDir).call();
    System.out.println(
        "first native load + create: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    Path chart = chartDir.resolve("demo");
    try (var s = Files.list(chart.resolve("templates"))) {
      for (Path p : s.toList()) {
        if (Files.isDirectory(p)) {
          try (var w = Files.walk(p)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          }
        } else {
          Files.delete(p);
        }
      }
    }
    Files.writeString(
        chart.resolve("values.yaml"), "greeting: chart-default\nsecond: chart-default\n");
    Files.writeString(
        chart.resolve("templates/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n"
            + "  namespace: {{ .Release.Namespace }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n"
            + "  second: {{ .Values.second | quote }}\n"
            + "  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n");
    Files.createDirectories(chart.resolve("crds"));
    Files.writeString(
        chart.resolve("crds/widget.yaml"),
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
            + "metadata:\n  name: widgets.example.org\n");
    Path out = tmp.resolve("pkg");
    Files.createDirectories(out);
    new Helm(chart).packageIt().withDestination(out).call();
    tgz = Files.readAllBytes(out.resolve("demo-" + version(chart) + ".tgz"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          hits.incrementAndGet();
          String path = ex.getRequestURI().getPath();
          byte[] body =
              path.endsWith("/index.yaml")
                  ? ("apiVersion: v1\nentries:\n  demo:\n  - name: demo\n    version: 9.9.9\n"
                          + "    urls: [charts/other.tgz]\n  - name: demo\n    version: "
                          + version(chart)
                          + "\n    urls: [charts/demo.tgz]\n")
                      .getBytes(StandardCharsets.UTF_8)
                  : path.endsWith("/charts/demo.tgz") ? tgz : null;
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
  }

  private static String version(Path chart) {
    try {
      return YAML.readTree(chart.resolve("Chart.yaml").toFile()).path("version").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String repo() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/repo";
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
    RenderedObject o =
        new RenderedObject(
            "apps/demo.yaml",
            "software",
            "demo",
            0,
            Delivery.values()[0],
            "argoproj.io/v1alpha1",
            "Application",
            "argocd",
            "demo-app",
            app);
    return new RenderedTree(files, List.of(o), List.of(), new TreeMap<>());
  }

  @Test
  void hydratesWithValuesInOrderReleaseNamespaceAndCrdsThenWarmCacheMakesNoRequest()
      throws Exception {
    ChartCache cache = new ChartCache(tmp.resolve("cache"));
    String ver =
        YAML.readTree(tmp.resolve("src/demo/Chart.yaml").toFile()).path("version").asText();
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
    int before = hits.get();

    HelmHydrator warm = new HelmHydrator(cache, Map.of(), Deadline.in(Duration.ofSeconds(60)).at());
    t0 = System.nanoTime();
    assertTrue(warm.hydrate(tree(repo(), ver)).complete());
    System.out.println(
        "warm hydrate (template only): " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertEquals(before, hits.get(), "a warm cache makes no request");
    assertEquals(0, warm.requests());
  }

  @Test
  void templatesSeeTheClustersKubernetesVersion() throws Exception {
    String ver =
        YAML.readTree(tmp.resolve("src/demo/Chart.yaml").toFile()).path("version").asText();
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
    String ver =
        YAML.readTree(tmp.resolve("src/demo/Chart.yaml").toFile()).path("version").asText();
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
