package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.render.TreeRenderer;

/**
 * Renders the GitOps tree (pure, deterministic). It runs before any host is changed: a config that
 * renders wrongly stops the run with nothing touched.
 */
public final class RenderTree implements Phase<ClusterContext> {
  @Override
  public String title() {
    return "Render the GitOps tree";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return (ctx.command() == Command.APPLY || ctx.command() == Command.DIFF)
        && (ctx.includes(ApplyPart.GITOPS) || ctx.includes(ApplyPart.STACKS));
  }

  @Override
  public void run(ClusterContext ctx) {
    ctx.repository(); // a tree needs a repository to go to: refuse early without one
    ctx.tree(TreeRenderer.render(ctx.config()));
  }
}
