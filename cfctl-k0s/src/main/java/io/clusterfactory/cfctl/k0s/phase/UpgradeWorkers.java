package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.config.v1beta1.Options;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.util.ArrayList;
import java.util.List;

/**
 * Upgrades workers in bounded parallel: at most workerDisruptionPercent of all workers are down at
 * once (k0sctl integer-divides the percentage and so always upgrades one at a time). Each worker is
 * drained on the leader with {@code k0s kubectl drain} first when draining is on, and uncordoned
 * after.
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
    boolean drain =
        Boolean.TRUE.equals(ctx.cluster().spec().options().drain().enabled())
            && !ctx.options().noDrain();
    ctx.each(
        "upgrading workers",
        targets,
        batchSize(ctx),
        h -> {
          if (drain) {
            drain(ctx, h);
          }
          UpgradeControllers.upgrade(ctx, h);
          if (drain) {
            uncordon(ctx, h);
          }
        });
  }

  static void drain(HostsContext ctx, HostState h) {
    Options.Drain d = ctx.cluster().spec().options().drain();
    HostState leader = ctx.leader();
    List<String> words = new ArrayList<>();
    words.add("kubectl");
    words.add("drain");
    words.add("--grace-period=" + d.gracePeriod().value().toSeconds());
    words.add("--timeout=" + d.timeout().value().toSeconds() + "s");
    if (Boolean.TRUE.equals(d.force())) {
      words.add("--force");
    }
    if (Boolean.TRUE.equals(d.ignoreDaemonSets())) {
      words.add("--ignore-daemonsets");
    }
    if (Boolean.TRUE.equals(d.deleteEmptyDirData())) {
      words.add("--delete-emptydir-data");
    }
    if (d.podSelector() != null && !d.podSelector().isEmpty()) {
      words.add("--pod-selector=" + d.podSelector());
    }
    if (d.skipWaitForDeleteTimeout() != null && !d.skipWaitForDeleteTimeout().value().isZero()) {
      words.add(
          "--skip-wait-for-delete-timeout=" + d.skipWaitForDeleteTimeout().value().toSeconds());
    }
    words.add(h.hostname());
    String cmd = K0sCommands.k0s(leader, ShellQuote.join(words));
    ctx.guard()
        .mutate(
            h.name(),
            "drain node " + h.hostname() + " (on " + leader.name() + ")",
            () -> K0sCommands.must(leader, "draining " + h.hostname(), cmd));
  }

  static void uncordon(HostsContext ctx, HostState h) {
    HostState leader = ctx.leader();
    String cmd = K0sCommands.k0s(leader, "kubectl uncordon " + ShellQuote.quote(h.hostname()));
    ctx.guard()
        .mutate(
            h.name(),
            "uncordon node " + h.hostname() + " (on " + leader.name() + ")",
            () -> K0sCommands.must(leader, "uncordoning " + h.hostname(), cmd));
  }
}
