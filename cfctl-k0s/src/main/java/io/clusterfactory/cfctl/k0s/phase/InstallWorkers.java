package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.JoinTokens;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import java.util.List;

/**
 * Joins new workers in parallel (bounded by the concurrency limit): one short-lived worker token
 * for the whole batch (k0sctl creates one per worker, sequentially), invalidated once they run.
 */
public final class InstallWorkers implements Phase<HostsContext> {
  private List<HostState> targets = List.of();

  @Override
  public String title() {
    return "Install workers";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets = ctx.hosts(h -> !h.role().isController() && !h.running() && !h.spec().reset());
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    JoinTokens.withToken(
        ctx,
        "worker",
        "10m",
        targets,
        (h, token) ->
            K0sCommands.installAndStart(ctx, h, h.serviceInstalled(), "install k0s worker", token));
  }
}
