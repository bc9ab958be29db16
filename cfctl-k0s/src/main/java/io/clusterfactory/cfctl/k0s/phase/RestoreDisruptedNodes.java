package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.NodeCommands;
import java.util.List;

/**
 * Undoes what a run killed halfway through an upgrade left on a node: the cordon of its drain and
 * the evict taint, as recorded on the host by {@link NodeCommands#beginDisruption}. Without this a
 * worker upgraded by the killed run would stay unschedulable, since the next run has nothing left
 * to upgrade on it. Runs after the upgrades, which clear the record of every host they finish.
 */
public final class RestoreDisruptedNodes implements Phase<HostsContext> {
  private List<HostState> targets = List.of();

  @Override
  public String title() {
    return "Restore nodes an interrupted run left disrupted";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets =
        ctx.hosts(h -> h.connected() && h.disruption() != null && h.running() && !h.spec().reset());
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    ctx.each(
        "restoring nodes",
        targets,
        h -> {
          for (String line : h.disruption().split("\n")) {
            if (line.strip().equals("cordoned")) {
              NodeCommands.uncordon(ctx, h);
            } else if (line.startsWith("taint ")) {
              NodeCommands.untaintIfPresent(ctx, h, line.substring("taint ".length()).strip());
            }
          }
          NodeCommands.endDisruption(ctx, h);
        });
  }
}
