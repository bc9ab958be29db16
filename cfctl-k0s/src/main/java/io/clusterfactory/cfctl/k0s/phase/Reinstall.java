package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.model.InstallFlags;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reinstalls the k0s service of running hosts whose installed flags (read from the service file)
 * differ from those cluster.yaml gives now: controllers one at a time, then workers only (k0sctl
 * runs its controllers a second time in the worker batches) with the same disruption bound as
 * upgrades.
 */
public final class Reinstall implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(Reinstall.class);

  private List<HostState> controllers = List.of();
  private List<HostState> workers = List.of();

  @Override
  public String title() {
    return "Reinstall";
  }

  @Override
  public void prepare(HostsContext ctx) {
    List<HostState> hosts =
        ctx.hosts(
            h -> {
              boolean differ = needed(ctx, h);
              h.needsReinstall(differ);
              return differ;
            });
    controllers = hosts.stream().filter(h -> h.role().isController()).toList();
    workers = hosts.stream().filter(h -> !h.role().isController()).toList();
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !controllers.isEmpty() || !workers.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    for (HostState h : controllers) {
      reinstall(ctx, h);
    }
    ctx.each(
        "reinstalling workers", workers, UpgradeWorkers.batchSize(ctx), h -> reinstall(ctx, h));
  }

  /** A running host that is not upgraded whose installed flags differ from cluster.yaml's. */
  static boolean needed(HostsContext ctx, HostState h) {
    return h.running()
        && !h.needsUpgrade()
        && !h.spec().reset()
        && h.installedFlags() != null
        && InstallFlags.differ(K0sCommands.expectedFlags(ctx, h), h.installedFlags());
  }

  private static void reinstall(HostsContext ctx, HostState h) {
    logger.info("{}: install flags changed, reinstalling", h.name());
    K0sCommands.stop(ctx, h);
    K0sCommands.installAndStart(ctx, h, true, "reinstall k0s with changed flags");
    h.needsReinstall(false);
    h.restarted();
  }
}
