package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.model.HostLock;
import io.clusterfactory.cfctl.k0s.model.HostLock.Holder;
import io.clusterfactory.cfctl.k0s.model.HostLock.Probe;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an exclusive lock file on every host so a second apply cannot interleave with this one
 * (k0sctl dropped this from apply). The lock's mtime is refreshed as a heartbeat; a lock whose
 * holder is gone (process dead on this machine, or heartbeat older than the stale limit) is taken
 * over. In a dry run nothing is written: a live foreign lock is only reported.
 */
public final class AcquireLock implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(AcquireLock.class);

  @Override
  public String title() {
    return "Acquire exclusive host lock";
  }

  @Override
  public String describe(HostsContext ctx) {
    return ctx.dryRun() ? "Check that no other run holds the host lock" : title();
  }

  @Override
  public void run(HostsContext ctx) {
    Holder me = me(ctx);
    List<HostState> hosts =
        ctx.hosts(HostState::connected).stream()
            .sorted(Comparator.comparing(HostState::name))
            .toList();
    if (hosts.isEmpty()) {
      return;
    }
    // The first host's lock decides between two racing runs on the same cluster: whoever holds
    // it goes on, the other is refused there before it locked anything else (no run locks half
    // the hosts each and both fail).
    lock(ctx, hosts.get(0), me);
    ctx.each("locking", hosts.subList(1, hosts.size()), h -> lock(ctx, h, me));
  }

  static Holder me(HostsContext ctx) {
    return new Holder(ctx.runId(), ProcessHandle.current().pid(), localClient(), ctx.started());
  }

  static String localClient() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static void lock(HostsContext ctx, HostState h, Holder me) {
    String path = h.configurer().lockPath();
    if (ctx.dryRun()) {
      Probe probe =
          HostLock.parseProbe(K0sCommands.must(h, "reading the lock", HostLock.probeScript(path)));
      if (probe.present()) {
        refuseUnlessDead(ctx, h, probe, me);
      }
      return;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      Probe[] probe = new Probe[1];
      ctx.guard()
          .housekeeping(
              h.name(),
              "take the apply lock " + path,
              () ->
                  probe[0] =
                      HostLock.parseProbe(
                          K0sCommands.must(
                              h, "taking the lock", HostLock.acquireScript(path, me))));
      Probe p = probe[0];
      Optional<Holder> holder = p.holder();
      if (p.acquired() || holder.map(o -> o.runId().equals(me.runId())).orElse(false)) {
        h.lockHeld(true);
        ctx.lockKeeper().start(h, () -> h.remote().exec(HostLock.touchScript(path, me)));
        return;
      }
      refuseUnlessDead(ctx, h, p, me);
      logger.warn(
          "{}: taking over the lock of a run that is gone: {}",
          h.name(),
          holder.map(Holder::toString).orElse(p.content()));
      ctx.guard()
          .housekeeping(
              h.name(),
              "remove the stale lock " + path,
              () ->
                  K0sCommands.must(
                      h, "removing a stale lock", HostLock.removeIfScript(path, p.content())));
    }
    throw new OperationFailedException(h.name() + ": could not take the lock " + path);
  }

  private static void refuseUnlessDead(HostsContext ctx, HostState h, Probe p, Holder me) {
    Optional<Holder> holder = p.holder();
    boolean dead =
        holder
            .map(
                o ->
                    HostLock.isDead(
                        o, p.ageSeconds(), me.client(), ctx.settings().lockStaleAfter()))
            .orElse(p.ageSeconds() > ctx.settings().lockStaleAfter().toSeconds());
    if (dead) {
      return;
    }
    throw new OperationFailedException(
        h.name()
            + ": another cfctl run holds the host lock "
            + h.configurer().lockPath()
            + ": "
            + holder.map(Holder::toString).orElse(p.content())
            + ", last heartbeat "
            + p.ageSeconds()
            + " s ago",
        "wait for that run to finish; a lock whose heartbeat is older than "
            + ctx.settings().lockStaleAfter().toSeconds()
            + " s is taken over automatically",
        null);
  }

  @Override
  public void cleanUp(HostsContext ctx) {
    ReleaseLock.releaseAll(ctx);
  }
}
