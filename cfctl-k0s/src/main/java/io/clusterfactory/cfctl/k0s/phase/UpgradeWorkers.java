package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.config.v1beta1.Options;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.NodeCommands;
import java.util.List;

/**
 * Upgrades workers in bounded parallel: at most workerDisruptionPercent of all workers are down at
 * once (k0sctl integer-divides the percentage and so always upgrades one at a time). Each worker
 * gets the evict taint first when options.evictTaint is on, is drained when draining is on, and is
 * uncordoned and untainted after ({@link NodeCommands}).
 */
public final class UpgradeWorkers implements Phase<HostsContext> {
  private List<HostState> targets = List.of();

  @Override
  public String title() {
    return "Upgrade workers";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets =
        ctx.hosts(
            h -> !h.role().isController() && h.running() && h.needsUpgrade() && !h.spec().reset());
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty();
  }

  /**
   * Workers upgraded at once: {@code floor(workers * percent / 100)}, at least 1, at most the
   * concurrency limit (0 = no limit).
   */
  public static int batchSize(int workers, int percent, int limit) {
    int size = Math.max(1, (int) ((long) workers * percent / 100));
    return limit > 0 ? Math.min(size, limit) : size;
  }

  static int batchSize(HostsContext ctx) {
    Options.Concurrency c = ctx.cluster().spec().options().concurrency();
    return batchSize(ctx.workers().size(), c.workerDisruptionPercent(), ctx.concurrency());
  }

  @Override
  public void run(HostsContext ctx) {
    boolean drain = NodeCommands.drainEnabled(ctx);
    ctx.each(
        "upgrading workers",
        targets,
        batchSize(ctx),
        h -> {
          Options.EvictTaint taint = NodeCommands.evictTaint(ctx, h);
          String recorded = NodeCommands.beginDisruption(ctx, h, drain, taint);
          if (taint != null) {
            NodeCommands.taint(ctx, h, taint);
          }
          if (drain) {
            NodeCommands.drain(ctx, h);
          }
          UpgradeControllers.upgrade(ctx, h);
          if (drain) {
            NodeCommands.uncordon(ctx, h);
          }
          if (taint != null) {
            NodeCommands.untaint(ctx, h, taint);
          }
          NodeCommands.endDisruption(ctx, h, recorded);
        });
  }
}
