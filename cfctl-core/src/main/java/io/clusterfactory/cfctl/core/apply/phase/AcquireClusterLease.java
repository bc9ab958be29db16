package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.kube.ClusterLease;
import io.clusterfactory.cfctl.core.pipeline.Phase;

/**
 * Takes the cluster's Lease before Git or the cluster is changed, held until the run ends: a second
 * run, with or without hosts, is refused naming who holds it and since when (see {@link
 * ClusterLease}). Not taken in a dry run, nor when there is no cluster yet.
 */
public final class AcquireClusterLease implements Phase<ClusterContext> {
  @Override
  public String title() {
    return "Acquire the cluster lease";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.command() == Command.APPLY
        && !ctx.dryRun()
        && (ctx.includes(ApplyPart.GITOPS) || ctx.includes(ApplyPart.STACKS))
        && ctx.client() != null
        && ctx.lease() == null;
  }

  @Override
  public void run(ClusterContext ctx) {
    ClusterLease lease = new ClusterLease(ctx.client(), ctx.calls(), ctx.holder());
    lease.acquire();
    ctx.lease(lease);
  }

  @Override
  public void cleanUp(ClusterContext ctx) {
    ReleaseClusterLease.release(ctx);
  }
}
