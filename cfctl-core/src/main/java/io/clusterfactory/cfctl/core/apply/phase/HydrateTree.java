package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.error.UnhydratedChartsException;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.Unhydrated;
import io.clusterfactory.cfctl.core.pipeline.Phase;

/**
 * Renders the tree's Helm charts in-process (docs/helm.md), right after the tree is rendered and
 * before anything is touched. On apply an unhydrated chart stops the run (unless {@code
 * --no-hydrate}); on diff each one is noted so the diff can say which charts it could not compare.
 */
public final class HydrateTree implements Phase<ClusterContext> {
  @Override
  public String title() {
    return "Hydrate the tree's Helm charts";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.rendered() && ctx.hydrator() != null && !ctx.options().noHydrate();
  }

  @Override
  public void run(ClusterContext ctx) {
    HydratedTree hydrated = ctx.hydrator().hydrate(ctx.tree(), kubeVersion(ctx));
    ctx.hydrated(hydrated);
    if (hydrated.complete()) {
      return;
    }
    if (ctx.command() == Command.DIFF) {
      for (Unhydrated u : hydrated.missing()) {
        ctx.note(
            "not hydrated: " + u.application() + " (" + u.chart().label() + "): " + u.reason());
      }
      return;
    }
    boolean refused = hydrated.missing().stream().anyMatch(Unhydrated::lockRefused);
    throw new UnhydratedChartsException(
        hydrated.missing().stream()
            .map(u -> u.application() + " (" + u.chart().label() + "): " + u.reason())
            .toList(),
        refused);
  }

  /**
   * The Kubernetes version templates see: the one the pinned k0s ships ({@code v1.33.4+k0s.0} is
   * Kubernetes {@code v1.33.4}); null (Helm's default) when k0s is not pinned.
   */
  static String kubeVersion(ClusterContext ctx) {
    var spec = ctx.config().cluster().spec();
    String k0s = spec == null || spec.k0s() == null ? null : spec.k0s().version();
    if (k0s == null || k0s.isBlank()) {
      return null;
    }
    int plus = k0s.indexOf('+');
    return plus < 0 ? k0s : k0s.substring(0, plus);
  }
}
