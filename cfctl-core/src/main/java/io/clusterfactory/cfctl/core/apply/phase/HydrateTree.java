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
    HydratedTree hydrated = ctx.hydrator().hydrate(ctx.tree());
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
}
