package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.testing.ChartRepositoryGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test JVM's guard (docs/lab.md, "No chart from the network") is on in this module, and a
 * hydration that would pull an upstream chart fails at once, is reported by URL, and never reaches
 * the network; loopback and the lab's addresses pass.
 */
class ChartRepositoryGuardTest {
  @TempDir Path dir;

  @Test
  void anUpstreamChartPullIsBlockedAtOnceAndNamed() throws Exception {
    ObjectNode app =
        (ObjectNode)
            new YAMLMapper()
                .readTree(
                    "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n"
                        + "  name: gitops-cert-manager\nspec:\n  destination:\n"
                        + "    namespace: cert-manager\n  source:\n"
                        + "    repoURL: https://charts.jetstack.io\n    chart: cert-manager\n"
                        + "    targetRevision: v1.18.2\n");
    RenderedObject o =
        new RenderedObject(
            "apps/gitops/cert-manager.yaml",
            "gitops",
            "cert-manager",
            0,
            Delivery.values()[0],
            "argoproj.io/v1alpha1",
            "Application",
            "argocd",
            "gitops-cert-manager",
            app);
    RenderedTree tree = new RenderedTree(new TreeMap<>(), List.of(o), List.of(), new TreeMap<>());
    HelmHydrator hydrator =
        new HelmHydrator(
            new ChartCache(dir.resolve("cache")),
            Map.of(),
            Deadline.in(Duration.ofSeconds(60)).at());
    long t0 = System.nanoTime();
    HydratedTree hydrated = hydrator.hydrate(tree);
    long ms = (System.nanoTime() - t0) / 1_000_000;

    List<String> blocked = ChartRepositoryGuard.takeBlocked(); // taken: this test passes
    assertEquals(List.of("https://charts.jetstack.io/index.yaml"), blocked);
    assertEquals(1, hydrated.missing().size(), hydrated.toString());
    assertTrue(hydrated.missing().get(0).reason().contains("cannot reach"), hydrated.toString());
    assertTrue(ms < 5_000, "blocked at once, not after a timeout: " + ms + " ms");
  }

  @Test
  void loopbackAndLabAddressesPassNamesAreNeverResolved() {
    for (String ok : List.of("127.0.0.1", "127.3.4.5", "localhost", "[::1]", "10.199.3.11")) {
      assertTrue(ChartRepositoryGuard.allowed(ok), ok);
    }
    for (String no : List.of("charts.jetstack.io", "10.0.0.1", "192.0.2.1", "[2001:db8::1]")) {
      assertFalse(ChartRepositoryGuard.allowed(no), no);
    }
  }
}
