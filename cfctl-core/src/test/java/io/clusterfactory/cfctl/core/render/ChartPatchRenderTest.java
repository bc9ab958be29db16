package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.config.v1beta1.Patch;
import io.clusterfactory.cfctl.core.patch.ObjectPatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A chart component whose patches target the chart's objects renders its chart as a kustomization
 * (helmCharts + patches) that Argo CD builds with Helm enabled. Golden files under
 * src/test/resources/render/chart-patch/ (regenerate with -Dcfctl.updateGolden=true).
 */
class ChartPatchRenderTest {
  private static final Path INPUT =
      Path.of("src", "test", "resources", "render-input", "chart-patch", "cluster.yaml");
  private static final Path GOLDEN = Path.of("src", "test", "resources", "render", "chart-patch");
  private static final boolean UPDATE = Boolean.getBoolean("cfctl.updateGolden");
  private static final YAMLMapper YAML = new YAMLMapper();

  private static RenderedTree render() {
    return TreeRenderer.render(Examples.load(INPUT, Map.of()));
  }

  @Test
  @DisplayName("the fixture renders exactly the expected tree")
  void matchesGoldenFiles() throws IOException {
    RenderedTree tree = render();
    if (UPDATE) {
      TreeWriter.write(tree, GOLDEN);
      Files.deleteIfExists(GOLDEN.resolve(TreeWriter.OWNED_LIST));
    }
    TreeSet<String> expected = new TreeSet<>();
    try (Stream<Path> files = Files.walk(GOLDEN)) {
      files
          .filter(Files::isRegularFile)
          .forEach(p -> expected.add(GOLDEN.relativize(p).toString().replace('\\', '/')));
    }
    assertEquals(expected, new TreeSet<>(tree.files().keySet()), "files of the tree");
    for (var f : tree.files().entrySet()) {
      assertEquals(
          Files.readString(GOLDEN.resolve(f.getKey()), StandardCharsets.UTF_8),
          new String(f.getValue(), StandardCharsets.UTF_8),
          f.getKey());
    }
  }

  @Test
  @DisplayName("the Application syncs the chart folder instead of a Helm source")
  void applicationSourcesTheKustomization() throws IOException {
    RenderedTree tree = render();
    JsonNode app = YAML.readTree(tree.text("apps/network/traefik.yaml").split("(?m)^---$")[1]);
    JsonNode sources = app.path("spec").path("sources");
    for (JsonNode s : sources) {
      assertFalse(s.has("chart"), "no Helm source: " + s);
      assertFalse(s.has("ref"), "no $values source: " + s);
    }
    assertTrue(
        sources.findValuesAsText("path").contains("clusters/edge/manifests/network/traefik/chart"),
        sources.toString());
    assertTrue(tree.files().containsKey("manifests/network/traefik/chart/values/traefik.yaml"));
    assertFalse(tree.files().containsKey("values/network/traefik.yaml"), "moved, not copied");
  }

  @Test
  @DisplayName("the kustomization reads back as the chart and the patches cluster.yaml wrote")
  void kustomizationReadsBack() throws IOException {
    RenderedTree tree = render();
    String file = "manifests/network/traefik/chart/kustomization.yaml";
    ChartKustomization.Read k = ChartKustomization.read(YAML.readTree(tree.text(file)), file);
    assertEquals("traefik", k.chart().name());
    assertEquals("traefik", k.chart().releaseName());
    assertEquals(java.util.List.of("values/traefik.yaml"), k.chart().valuesFiles());
    assertEquals(3, k.patches().size());
    ObjectPatch strategic = k.patches().get(0);
    assertEquals("spec.network.traefik.patches[0]", strategic.yamlPath());
    assertEquals(Patch.Type.STRATEGIC, strategic.type());
    assertEquals("Deployment", strategic.kind());
    assertEquals("traefik", strategic.name());
    assertFalse(strategic.body().has("kind"), "the placeholders of kustomize are not the patch's");
    assertEquals(Patch.Type.JSON, k.patches().get(1).type());
    assertEquals(
        Map.of("app.kubernetes.io/name", "traefik"), k.patches().get(2).labels(), "labels");
  }

  @Test
  @DisplayName("Argo CD's install enables Helm in kustomize builds when a chart is a kustomization")
  void argocdBuildsKustomizeWithHelm() throws IOException {
    JsonNode values = YAML.readTree(render().text("values/gitops/argocd.yaml"));
    assertEquals(
        "--enable-helm",
        values.path("configs").path("cm").path("kustomize.buildOptions").asText(null));
  }

  @Test
  @DisplayName("without chart patches Argo CD's values carry no kustomize build option")
  void noBuildOptionWithoutChartPatches() {
    assertFalse(
        Examples.render("full").text("values/gitops/argocd.yaml").contains("kustomize.build"));
  }

  @Test
  @DisplayName(
      "a merge patch of a chart's objects that sets a list kustomize would merge is refused")
  void mergePatchOfAMergedListIsRefused() throws IOException {
    ObjectPatch p =
        new ObjectPatch(
            "spec.network.traefik.patches[2]",
            Patch.Type.MERGE,
            "Deployment",
            null,
            null,
            Map.of(),
            YAML.readTree("spec: {template: {spec: {containers: [{name: traefik}]}}}"));
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.clusterfactory.cfctl.core.patch.PatchFailedException.class,
            () -> ChartKustomization.requireKustomizable(p));
    assertEquals("spec.network.traefik.patches[2].patch", e.yamlPath());
    assertTrue(e.getMessage().contains("containers"), e.getMessage());
    ChartKustomization.requireKustomizable(
        new ObjectPatch(
            "spec.network.traefik.patches[2]",
            Patch.Type.MERGE,
            "Deployment",
            null,
            null,
            Map.of(),
            YAML.readTree("spec: {template: {spec: {tolerations: [{key: a}]}}}")));
  }

  @Test
  @DisplayName(
      "the air-gap bundle lists the chart of a patched component, found in its kustomization")
  void theBundleListsThePatchedChart() {
    var charts =
        io.clusterfactory.cfctl.core.airgap.AirgapBundle.of(Examples.load(INPUT, Map.of()))
            .charts();
    var traefik =
        charts.stream()
            .filter(c -> c.application().equals("network-traefik"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(charts.toString()));
    assertEquals("traefik", traefik.chart());
    assertEquals(io.clusterfactory.cfctl.core.hydrate.ChartRef.Kind.HTTP, traefik.source());
  }
}
