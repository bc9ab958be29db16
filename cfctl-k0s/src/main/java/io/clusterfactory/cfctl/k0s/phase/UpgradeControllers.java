package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.config.v1beta1.Options;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.commands.NodeCommands;
import java.util.List;

/**
 * Upgrades controllers strictly one at a time, so the control plane keeps its quorum: stop, refresh
 * the service for the staged binary, start, wait until k0s runs the target version.
 */
public final class UpgradeControllers implements Phase<HostsContext> {
  private List<HostState> targets = List.of();

  @Override
  public String title() {
    return "Upgrade controllers";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets =
        ctx.hosts(
            h -> h.role().isController() && h.running() && h.needsUpgrade() && !h.spec().reset());
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    for (HostState h : targets) {
      // a controller+worker is tainted (evictTaint.controllerWorkers) but, as with k0sctl, not
      // drained: its control plane is back within seconds
      Options.EvictTaint taint = NodeCommands.evictTaint(ctx, h);
      String recorded = null;
      if (taint != null) {
        recorded = NodeCommands.beginDisruption(ctx, h, false, taint);
        NodeCommands.taint(ctx, h, taint);
      }
      upgrade(ctx, h);
      if (taint != null) {
        NodeCommands.untaint(ctx, h, taint);
        NodeCommands.endDisruption(ctx, h, recorded);
      }
    }
  }

  static void upgrade(HostsContext ctx, HostState h) {
    K0sCommands.stop(ctx, h);
    K0sCommands.installAndStart(
        ctx, h, true, "reinstall the k0s service for " + ctx.targetVersion());
    h.needsUpgrade(false);
  }
}
