package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.pipeline.Phase;

/** Gives the cluster's Lease back at the end of the run. */
public final class ReleaseClusterLease implements Phase<ClusterContext> {
  @Override
  public String title() {
    return "Release the cluster lease";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.lease() != null;
  }

  @Override
  public void run(ClusterContext ctx) {
    release(ctx);
  }

  static void release(ClusterContext ctx) {
    if (ctx.lease() != null) {
      ctx.lease().close();
      ctx.lease(null);
    }
  }
}
