package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Removes k0s from hosts: stop, {@code k0s reset}, then the config, join token and binary. Workers
 * in parallel, then controllers one at a time, the leader last. Each step runs only when there is
 * something to remove, so a reset host is left alone the next time.
 */
public final class ResetHosts implements Phase<HostsContext> {
  private final Predicate<HostState> which;
  private List<HostState> workers = List.of();
  private List<HostState> controllers = List.of();

  /** Hosts with {@code reset: true} (inside apply). */
  public static ResetHosts marked() {
    return new ResetHosts(h -> h.spec().reset());
  }

  /** Every host (the reset command). */
  public static ResetHosts all() {
    return new ResetHosts(h -> true);
  }

  private ResetHosts(Predicate<HostState> which) {
    this.which = which;
  }

  @Override
  public String title() {
    return "Reset hosts";
  }

  @Override
  public void prepare(HostsContext ctx) {
    List<HostState> hosts = ctx.hosts(which.and(HostState::connected));
    workers = hosts.stream().filter(h -> !h.role().isController()).toList();
    List<HostState> cs =
        new ArrayList<>(hosts.stream().filter(h -> h.role().isController()).toList());
    // the leader goes last: the others may still need it
    cs.sort((a, b) -> Boolean.compare(isLeader(ctx, a), isLeader(ctx, b)));
    controllers = List.copyOf(cs);
  }

  private static boolean isLeader(HostsContext ctx, HostState h) {
    try {
      return ctx.leader() == h;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !workers.isEmpty() || !controllers.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    ctx.each("resetting workers", workers, h -> reset(ctx, h));
    for (HostState h : controllers) {
      reset(ctx, h);
    }
  }

  static void reset(HostsContext ctx, HostState h) {
    if (h.running()) {
      K0sCommands.stop(ctx, h);
    }
    String dataDir = ShellQuote.quote(h.dataDir());
    boolean hasState = h.serviceInstalled() || h.remote().exec("[ -e " + dataDir + " ]").ok();
    if (h.binaryPresent() && hasState) {
      String cmd = K0sCommands.k0s(h, "reset --data-dir=" + dataDir);
      ctx.guard()
          .mutate(h.name(), "reset k0s: " + cmd, () -> K0sCommands.must(h, "resetting k0s", cmd));
    }
    for (String path :
        List.of(h.configurer().k0sConfigPath(), h.configurer().joinTokenPath(), h.k0sPath())) {
      if (h.remote().exists(path)) {
        ctx.guard()
            .mutate(
                h.name(),
                "remove " + path,
                () -> K0sCommands.must(h, "removing " + path, "rm -f " + ShellQuote.quote(path)));
      }
    }
    if (!ctx.dryRun()) {
      h.status(null);
      h.serviceInstalled(false);
      h.binaryPresent(false);
    }
  }
}
