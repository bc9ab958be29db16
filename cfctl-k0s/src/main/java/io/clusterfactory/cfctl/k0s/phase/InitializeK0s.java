package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;

/**
 * Installs and starts the first controller when no controller runs yet, then waits until it is up:
 * every other host joins through it.
 */
public final class InitializeK0s implements Phase<HostsContext> {

  @Override
  public String title() {
    return "Initialize the k0s cluster";
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    // the leader is the first running controller when there is one
    return !ctx.leader().running();
  }

  @Override
  public void run(HostsContext ctx) {
    HostState leader = ctx.leader();
    K0sCommands.installAndStart(
        ctx, leader, leader.serviceInstalled(), "install the first k0s controller");
  }
}
