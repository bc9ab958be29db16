package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.testing.MisbehavingServer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCI charts from an in-process registry on loopback laid out as {@code helm push} lays a chart out
 * (a Helm config blob, one chart-content layer), behind the registries' bearer-token flow.
 */
@MockApiTier
class OciChartSourceTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String TOKEN = "pull-token";

  @TempDir Path tmp;
  private HttpServer server;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private byte[] tgz;
  private final AtomicReference<byte[]> servedBlob = new AtomicReference<>();
  private final AtomicReference<String> configType =
      new AtomicReference<>(OciChartSource.CONFIG_TYPE);

  @BeforeEach
  void serveRegistry() throws Exception {
    Map<String, byte[]> chart = new LinkedHashMap<>();
    chart.put("demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 1.2.0+build.7\n".getBytes());
    chart.put("demo/values.yaml", "greeting: chart-default\n".getBytes());
    chart.put(
        "demo/templates/cm.yaml",
        ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n"
                + "data:\n  greeting: {{ .Values.greeting | quote }}\n")
            .getBytes());
    chart.put(
        "demo/crds/widget.yaml",
        ("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                + "metadata:\n  name: widgets.example.org\n")
            .getBytes());
    tgz = CanonicalArchive.write(chart);
    servedBlob.set(tgz);
    byte[] config =
        "{\"name\":\"demo\",\"version\":\"1.2.0+build.7\",\"apiVersion\":\"v2\"}"
            .getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          requests.add(path);
          byte[] body = null;
          String type = "application/octet-stream";
          String auth = ex.getRequestHeaders().getFirst("Authorization");
          if (path.equals("/token")) {
            String query = ex.getRequestURI().getQuery();
            body =
                query != null && query.contains("scope=repository:charts/demo:pull")
                    ? ("{\"token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8)
                    : null;
          } else if (!("Bearer " + TOKEN).equals(auth)) {
            ex.getResponseHeaders()
                .add(
                    "WWW-Authenticate",
                    "Bearer realm=\"http://"
                        + hostPort()
                        + "/token\",service=\"loopback\",scope=\"repository:charts/demo:pull\"");
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
          } else if (path.equals("/v2/charts/demo/manifests/1.2.0_build.7")) {
            body =
                ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\""
                        + configType.get()
                        + "\",\"digest\":\""
                        + ChartCache.digest(config)
                        + "\",\"size\":"
                        + config.length
                        + "},\"layers\":[{\"mediaType\":\""
                        + OciChartSource.CHART_LAYER
                        + "\",\"digest\":\""
                        + ChartCache.digest(tgz)
                        + "\",\"size\":"
                        + tgz.length
                        + "}]}")
                    .getBytes(StandardCharsets.UTF_8);
            type = "application/vnd.oci.image.manifest.v1+json";
            ex.getResponseHeaders().add("Docker-Content-Digest", ChartCache.digest(body));
          } else if (path.equals("/v2/charts/demo/blobs/" + ChartCache.digest(tgz))) {
            body = servedBlob.get();
          } else if (path.equals("/v2/charts/demo/blobs/" + ChartCache.digest(config))) {
            body = config;
          }
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.getResponseHeaders().add("Content-Type", type);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private static RenderedTree tree(String repo, String version) throws Exception {
    ObjectNode app =
        (ObjectNode)
            YAML.readTree(
                "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: demo-app\n"
                    + "spec:\n  destination:\n    namespace: demo-ns\n  source:\n"
                    + "    repoURL: "
                    + repo
                    + "\n    chart: demo\n    targetRevision: '"
                    + version
                    + "'\n    helm:\n      releaseName: rel\n"
                    + "      valuesObject: {greeting: inline}\n");
    return TestCharts.treeOf(app, Map.of());
  }

  private HelmHydrator hydrator(Path cache, Map<String, String> lock) {
    return new HelmHydrator(new ChartCache(cache), lock, Deadline.in(Duration.ofSeconds(30)).at());
  }

  @Test
  void anOciChartIsPulledWithATokenCheckedRenderedAndCachedByBothForms() throws Exception {
    for (String repo : List.of("oci://" + hostPort() + "/charts", hostPort() + "/charts/")) {
      Path cache = tmp.resolve("cache-" + repo.length());
      HelmHydrator h = hydrator(cache, Map.of());
      HydratedTree t = h.hydrate(tree(repo, "1.2.0+build.7"));
      assertTrue(t.complete(), () -> t.missing().toString());
      HydratedApplication a = t.application("demo-app").orElseThrow();
      assertEquals(ChartCache.digest(tgz), a.digest(), "the chart layer's digest");
      assertEquals("CustomResourceDefinition", a.objects().get(0).body().path("kind").asText());
      ObjectNode cm = a.objects().get(1).body();
      assertEquals("rel-cm", cm.at("/metadata/name").asText());
      assertEquals("inline", cm.at("/data/greeting").asText());
      assertTrue(requests.contains("/token"), requests::toString);
      assertEquals(
          List.of(new ChartLock.Entry(repo, "demo", "1.2.0+build.7", ChartCache.digest(tgz))),
          h.pulledCharts());

      HelmHydrator warm = hydrator(cache, Map.of(repo + " demo 1.2.0+build.7", a.digest()));
      assertTrue(warm.hydrate(tree(repo, "1.2.0+build.7")).complete());
      assertEquals(0, warm.requests(), "a warm cache makes no request");
      assertTrue(warm.unlocked().isEmpty());
    }
  }

  @Test
  void aDigestDifferentFromTheLockIsRefused() throws Exception {
    String repo = "oci://" + hostPort() + "/charts";
    String wrong = "sha256:" + "0".repeat(64);
    HydratedTree t =
        hydrator(tmp.resolve("cache"), Map.of(repo + " demo 1.2.0+build.7", wrong))
            .hydrate(tree(repo, "1.2.0+build.7"));
    assertTrue(t.applications().isEmpty());
    Unhydrated u = t.missing().get(0);
    assertTrue(u.lockRefused(), u.reason());
    assertTrue(u.reason().contains(wrong), u.reason());
    assertTrue(u.reason().contains(ChartCache.digest(tgz)), u.reason());
  }

  @Test
  void bytesThatAreNotTheLayersDigestAreRefusedAndNeverCached() throws Exception {
    servedBlob.set("not the chart".getBytes(StandardCharsets.UTF_8));
    Path cache = tmp.resolve("cache");
    HydratedTree t =
        hydrator(cache, Map.of()).hydrate(tree("oci://" + hostPort() + "/charts", "1.2.0+build.7"));
    String reason = t.missing().get(0).reason();
    assertTrue(reason.contains("the chart layer's bytes have digest"), reason);
    assertTrue(reason.contains(ChartCache.digest(tgz)), reason);
    assertTrue(!java.nio.file.Files.exists(cache.resolve("index")), "nothing cached");
  }

  @Test
  void anArtifactThatIsNotAHelmChartOrAMissingVersionIsNotHydratedWithTheReason() throws Exception {
    configType.set("application/vnd.oci.image.config.v1+json");
    String repo = "oci://" + hostPort() + "/charts";
    String reason =
        hydrator(tmp.resolve("c1"), Map.of())
            .hydrate(tree(repo, "1.2.0+build.7"))
            .missing()
            .get(0)
            .reason();
    assertTrue(reason.contains("is not a Helm chart"), reason);
    String missing =
        hydrator(tmp.resolve("c2"), Map.of())
            .hydrate(tree(repo, "9.9.9"))
            .missing()
            .get(0)
            .reason();
    assertTrue(missing.contains("manifests/9.9.9 answered HTTP 404"), missing);
  }

  @Test
  void aSilentRegistryEndsWithinTheDeadline() throws Exception {
    try (MisbehavingServer silent = MisbehavingServer.silent()) {
      HelmHydrator h =
          new HelmHydrator(
              new ChartCache(tmp.resolve("cache")),
              Map.of(),
              Deadline.in(Duration.ofSeconds(2)).at());
      long t0 = System.nanoTime();
      HydratedTree t = h.hydrate(tree("oci://" + silent.hostPort() + "/charts", "1.0.0"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 6000, "ended in " + ms + " ms");
      assertTrue(t.missing().get(0).reason().contains("cannot reach"), t.missing().toString());
    }
  }
}
