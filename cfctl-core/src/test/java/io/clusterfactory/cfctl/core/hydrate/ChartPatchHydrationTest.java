package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.config.v1beta1.Patch;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.patch.ObjectPatch;
import io.clusterfactory.cfctl.core.patch.PatchFailedException;
import io.clusterfactory.cfctl.core.render.ChartKustomization;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart rendered through a chart kustomization (the form a chart takes when the site patches its
 * objects) hydrates as Argo CD builds it: Helm, then each patch over the chart's objects; a patch
 * that matches no object of the chart is refused with its cluster.yaml path. The chart is made by
 * the test and served on loopback.
 */
@MockApiTier
class ChartPatchHydrationTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String DIR = "manifests/software/demo/chart/";

  @TempDir Path tmp;
  private LoopbackServer server;
  private String version;

  @BeforeEach
  void serveChart() throws Exception {
    version = "0.1.0";
    byte[] tgz =
        TestCharts.pack(
            tmp,
            "demo",
            version,
            Map.of(
                "values.yaml",
                "greeting: chart-default\nreplicas: 1\n",
                "templates/all.yaml",
                """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-cm
          labels: {app: demo}
        data:
          greeting: {{ .Values.greeting | quote }}
          kept: "yes"
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}-web
          labels: {app: demo}
        spec:
          replicas: {{ .Values.replicas }}
          template:
            spec:
              containers:
                - name: web
                  image: example.org/web:1
                  env: [{name: MODE, value: plain}]
                - name: sidecar
                  image: example.org/sidecar:1
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ .Release.Name }}-svc
        spec:
          ports: [{port: 80}]
        """));
    byte[] index = TestCharts.index("demo", version, "charts/demo.tgz");
    server =
        LoopbackServer.serve(
            path -> path.endsWith("/index.yaml") ? index : path.endsWith("/demo.tgz") ? tgz : null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static ObjectPatch patch(
      int i, Patch.Type type, String kind, String name, Map<String, String> labels, String body)
      throws Exception {
    return new ObjectPatch(
        "spec.software.demo.patches[" + i + "]",
        type,
        kind,
        name,
        null,
        labels,
        YAML.readTree(body));
  }

  /** The tree as cfctl renders it: the kustomization, its values file, the Application. */
  private RenderedTree tree(List<ObjectPatch> patches) throws Exception {
    String repo = server.url("/repo");
    ChartKustomization.HelmChart chart =
        new ChartKustomization.HelmChart(
            repo, "demo", version, "rel", "demo-ns", List.of("values/demo.yaml"));
    TreeMap<String, byte[]> files = new TreeMap<>();
    files.put(
        DIR + ChartKustomization.FILE,
        CanonicalYaml.TREE
            .writeOne(ChartKustomization.write(chart, patches))
            .getBytes(StandardCharsets.UTF_8));
    files.put(DIR + "values/demo.yaml", "greeting: from-values\n".getBytes(StandardCharsets.UTF_8));
    ObjectNode app =
        (ObjectNode)
            YAML.readTree(
                """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: software-demo, namespace: argocd}
                spec:
                  destination: {namespace: demo-ns}
                  sources:
                    - repoURL: https://git.example/x.git
                      targetRevision: main
                      path: clusters/c1/manifests/software/demo/chart
                """);
    RenderedObject o =
        new RenderedObject(
            "apps/software/demo.yaml",
            "software",
            "demo",
            0,
            Delivery.APP,
            "argoproj.io/v1alpha1",
            "Application",
            "argocd",
            "software-demo",
            app);
    return new RenderedTree(files, List.of(o), List.of(), new TreeMap<>());
  }

  private HydratedTree hydrate(List<ObjectPatch> patches) throws Exception {
    HelmHydrator h =
        new HelmHydrator(
            new ChartCache(tmp.resolve("cache")),
            Map.of(),
            Deadline.in(Duration.ofSeconds(60)).at());
    return h.hydrate(tree(patches));
  }

  private static JsonNode object(HydratedApplication a, String kind) {
    return a.objects().stream()
        .map(HydratedApplication.HydratedObject::body)
        .filter(b -> b.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void eachPatchTypeChangesTheChartsObjectsAfterHelm() throws Exception {
    List<ObjectPatch> patches = new ArrayList<>();
    patches.add(
        patch(
            0,
            Patch.Type.STRATEGIC,
            "Deployment",
            "rel-web",
            Map.of(),
            "spec: {template: {spec: {containers: [{name: web, env: [{name: DEBUG, value: '1'}]}]}}}"));
    patches.add(
        patch(
            1,
            Patch.Type.MERGE,
            "ConfigMap",
            null,
            Map.of("app", "demo"),
            "data: {greeting: patched, kept: null}"));
    patches.add(
        patch(
            2,
            Patch.Type.JSON,
            "Deployment",
            "rel-web",
            Map.of(),
            "[{op: replace, path: /spec/replicas, value: 3}]"));
    HydratedTree t = hydrate(patches);
    assertTrue(t.complete(), () -> t.missing().toString());
    HydratedApplication a = t.application("software-demo").orElseThrow();

    JsonNode deployment = object(a, "Deployment");
    assertEquals(3, deployment.at("/spec/replicas").asInt(), "json patch");
    JsonNode containers = deployment.at("/spec/template/spec/containers");
    assertEquals(2, containers.size(), "strategic merge keeps the sidecar: " + containers);
    assertEquals(
        "[{\"name\":\"MODE\",\"value\":\"plain\"},{\"name\":\"DEBUG\",\"value\":\"1\"}]",
        containers.get(0).path("env").toString(),
        "strategic merge merges env by name");

    JsonNode cm = object(a, "ConfigMap");
    assertEquals("patched", cm.at("/data/greeting").asText(), "merge patch over the values");
    assertTrue(cm.at("/data/kept").isMissingNode(), "null removes the key");
    assertEquals("rel-svc", object(a, "Service").at("/metadata/name").asText(), "untouched");
  }

  @Test
  void aPatchThatMatchesNoObjectOfTheChartIsRefusedWithItsPath() throws Exception {
    List<ObjectPatch> patches =
        List.of(
            patch(0, Patch.Type.MERGE, "ConfigMap", "rel-cm", Map.of(), "data: {a: b}"),
            patch(1, Patch.Type.MERGE, "Service", "nope", Map.of(), "spec: {type: NodePort}"));
    PatchFailedException e = assertThrows(PatchFailedException.class, () -> hydrate(patches));
    assertEquals("spec.software.demo.patches[1].target", e.yamlPath());
    assertTrue(e.getMessage().contains("kind Service, name nope"), e.getMessage());
  }
}
