package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.testing.MisbehavingServer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Git chart repository that never answers ends within the run's deadline, as unhydrated. */
@MockApiTier
class GitChartSourceDeadlineTest {

  @TempDir Path tmp;

  @Test
  void aSilentGitRemoteEndsWithinTheDeadlineAsUnhydrated() throws Exception {
    try (MisbehavingServer silent = MisbehavingServer.silent()) {
      ObjectNode app =
          (ObjectNode)
              new YAMLMapper()
                  .readTree(
                      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n"
                          + "  name: demo-app\nspec:\n  destination:\n    namespace: demo-ns\n"
                          + "  source:\n    repoURL: http://"
                          + silent.hostPort()
                          + "/charts.git\n    path: charts/demo\n    targetRevision: main\n"
                          + "    helm: {releaseName: rel}\n");
      RenderedTree tree = TestCharts.treeOf(app, Map.of());
      HelmHydrator h =
          new HelmHydrator(
              new ChartCache(tmp.resolve("cache")),
              Map.of(),
              Deadline.in(Duration.ofSeconds(2)).at());
      long t0 = System.nanoTime();
      HydratedTree t = h.hydrate(tree);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 7000, "ended in " + ms + " ms");
      assertEquals(1, t.missing().size());
      String reason = t.missing().get(0).reason();
      assertTrue(reason.contains("fetching from http://" + silent.hostPort()), reason);
    }
  }
}
