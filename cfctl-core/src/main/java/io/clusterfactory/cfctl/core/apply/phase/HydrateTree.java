package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.pipeline.Phase;

/**
 * Hydrates the rendered tree's charts with the run's {@link
 * io.clusterfactory.cfctl.core.hydrate.Hydrator} into {@link ClusterContext#hydrated()}; does not
 * run without a hydrator. The minimum of the hydration contract, which the bootstrap relies on.
 */
public final class HydrateTree implements Phase<ClusterContext> {
  @Override
  public String title() {
    return "Hydrate the tree's charts";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return (ctx.command() == Command.APPLY || ctx.command() == Command.DIFF)
        && (ctx.includes(ApplyPart.GITOPS) || ctx.includes(ApplyPart.STACKS))
        && ctx.rendered()
        && ctx.hydrator() != null;
  }

  @Override
  public void run(ClusterContext ctx) {
    ctx.hydrated(ctx.hydrator().hydrate(ctx.tree()));
  }
}
