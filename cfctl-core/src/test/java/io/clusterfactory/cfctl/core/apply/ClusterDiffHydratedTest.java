package io.clusterfactory.cfctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.diff.ChangeKind;
import io.clusterfactory.cfctl.core.diff.DiffExitCodes;
import io.clusterfactory.cfctl.core.diff.DiffReport;
import io.clusterfactory.cfctl.core.diff.DiffTextWriter;
import io.clusterfactory.cfctl.core.diff.HydratedDiffer;
import io.clusterfactory.cfctl.core.hydrate.HydratedApplication;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.MapHydrator;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfctl diff} with a hydrator, end to end through apply's phase list: real bare repository,
 * mock API, fake Argo CD (examples/network-only, as {@link ClusterApplyActionTest} runs it).
 */
@MockApiTier
class ClusterDiffHydratedTest {
  @TempDir Path dir;
  private final ClusterApplyActionTest fixture = new ClusterApplyActionTest();

  /** Every chart renders one ConfigMap naming its chart and version. */
  private static MapHydrator hydrator() {
    return new MapHydrator(
        Map.of(
            "*",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${_chart}}\n"
                + "data: {version: \"${_version}\"}\n"));
  }

  @BeforeEach
  void start() throws Exception {
    fixture.dir = dir;
    fixture.start();
  }

  @AfterEach
  void stop() throws Exception {
    fixture.stop();
  }

  private DiffReport diff(LoadedConfig config, MapHydrator hydrator, boolean offline) {
    ApplyOptions options =
        ApplyOptions.defaults()
            .dryRun(true)
            .offline(offline)
            .timeout(Duration.ofSeconds(60))
            .env(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()))
            .build();
    return new ClusterDiffAction<>(fixture.hosts, new NoSealing(), hydrator).run(config, options);
  }

  /** What Argo CD would do once it syncs: apply every hydrated object with its tracking. */
  private void argoSyncsCharts(HydratedTree tree) {
    ObjectMapper json = new ObjectMapper();
    for (HydratedApplication app : tree.applications()) {
      for (HydratedDiffer.View v :
          HydratedDiffer.views(app, HydratedDiffer.offlineScope(tree)).values()) {
        fixture
            .cluster
            .client()
            .resource(json.convertValue(v.body(), GenericKubernetesResource.class))
            .fieldManager("argocd-controller")
            .forceConflicts()
            .serverSideApply();
      }
    }
  }

  @Test
  @DisplayName(
      "live: chart objects not synced yet are creations; once Argo CD synced them the diff is"
          + " empty (exit 0)")
  void liveChartObjects() throws Exception {
    fixture.argo.following(fixture.bare, "main");
    LoadedConfig config = fixture.config("");
    fixture.apply(config, fixture.options(false, Duration.ofSeconds(60)));
    MapHydrator hydrator = hydrator();

    DiffReport before = diff(config, hydrator, false);

    assertTrue(before.hydrated() != null, "chart section present with a hydrator");
    assertFalse(before.hydrated().applications().isEmpty());
    assertTrue(
        before.hydrated().applications().stream()
            .flatMap(a -> a.objects().stream())
            .allMatch(o -> o.change() == ChangeKind.CREATE),
        () -> before.hydrated().toString());
    assertTrue(before.hasChanges());
    assertEquals(1, hydrator.calls(), "the tree is hydrated once per run");

    // the namespaces the Applications deliver to exist (cfctl's stacks made them)
    argoSyncsCharts(hydrator.hydrate(TreeRenderer.render(config)));
    DiffReport after = diff(config, hydrator(), false);

    assertFalse(after.hasChanges(), () -> new DiffTextWriter(false).render(after));
    assertEquals(0, DiffExitCodes.forReport(after, DiffExitCodes.Convention.DEFAULT));
    assertEquals(0, after.hydrated().summary().changes());
    assertTrue(after.hydrated().summary().unchanged() > 0);
  }

  @Test
  @DisplayName("offline: the base tree in Git and the tree being applied are both hydrated")
  void offlineHydratesBothTrees() throws Exception {
    fixture.argo.following(fixture.bare, "main");
    LoadedConfig config = fixture.config("");
    fixture.apply(config, fixture.options(false, Duration.ofSeconds(60)));
    MapHydrator hydrator = hydrator();

    DiffReport report = diff(config, hydrator, true);

    assertEquals(2, hydrator.calls(), "head and base");
    assertTrue(report.hydrated().against().startsWith("git main at "), report.hydrated().against());
    assertFalse(report.hasChanges(), () -> new DiffTextWriter(false).render(report));
    assertTrue(report.hydrated().summary().unchanged() > 0);
  }

  @Test
  @DisplayName("without a hydrator the diff has no chart section, as before")
  void noHydratorNoSection() throws Exception {
    fixture.argo.following(fixture.bare, "main");
    LoadedConfig config = fixture.config("");
    fixture.apply(config, fixture.options(false, Duration.ofSeconds(60)));

    DiffReport report = diff(config, null, false);

    assertNull(report.hydrated());
    assertFalse(report.hasChanges());
  }
}
