package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.JoinTokens;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import java.util.List;

/**
 * Joins new controllers one at a time (etcd grows one member at a time), each with its own
 * controller token that is invalidated as soon as the controller runs.
 */
public final class InstallControllers implements Phase<HostsContext> {
  private List<HostState> targets = List.of();

  @Override
  public String title() {
    return "Install controllers";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets =
        ctx.hosts(
            h -> h.role().isController() && h != ctx.leader() && !h.running() && !h.spec().reset());
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    for (HostState h : targets) {
      JoinTokens.withToken(
          ctx,
          "controller",
          "30m",
          List.of(h),
          (host, token) ->
              K0sCommands.installAndStart(
                  ctx, host, host.serviceInstalled(), "install k0s controller", token));
    }
  }
}
