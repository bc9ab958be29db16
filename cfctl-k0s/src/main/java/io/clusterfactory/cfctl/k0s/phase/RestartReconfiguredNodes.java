package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts, one at a time, each running node whose k0s read a file at its start that this run
 * changed (its k0s.yaml, its containerd drop-in): one restart however many of them changed. A node
 * upgraded or reinstalled later in this run is left to that phase, which starts it anew anyway.
 */
public final class RestartReconfiguredNodes implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(RestartReconfiguredNodes.class);

  private List<HostState> targets = List.of();

  @Override
  public String title() {
    return "Restart nodes whose configuration changed";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets = ctx.hosts(h -> h.connected() && restarts(ctx, h));
  }

  static boolean restarts(HostsContext ctx, HostState h) {
    return !h.restartReasons().isEmpty()
        && h.running()
        && !h.spec().reset()
        && !h.needsUpgrade()
        && !h.binaryChanged()
        && !Reinstall.needed(ctx, h);
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    for (HostState h : targets) {
      logger.info(
          "{}: {} changed, restarting k0s", h.name(), String.join(" and ", h.restartReasons()));
      K0sCommands.stop(ctx, h);
      ctx.guard()
          .mutate(
              h.name(),
              "start the k0s service",
              () -> K0sCommands.must(h, "starting k0s", K0sCommands.k0s(h, "start")));
      K0sCommands.waitRunning(ctx, h);
      h.restarted();
    }
  }
}
