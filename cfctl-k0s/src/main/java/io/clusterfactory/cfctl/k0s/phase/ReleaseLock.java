package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.model.HostLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes this run's lock from every host (only when it is still ours). */
public final class ReleaseLock implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(ReleaseLock.class);

  @Override
  public String title() {
    return "Release exclusive host lock";
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return ctx.hosts().stream().anyMatch(HostState::lockHeld);
  }

  @Override
  public void run(HostsContext ctx) {
    releaseAll(ctx);
  }

  static void releaseAll(HostsContext ctx) {
    String line = AcquireLock.me(ctx).line();
    ctx.hosts(HostState::lockHeld).forEach(h -> ctx.lockKeeper().stop(h));
    try {
      ctx.each(
          "releasing the lock",
          ctx.hosts(HostState::lockHeld),
          h -> {
            ctx.guard()
                .housekeeping(
                    h.name(),
                    "release the apply lock",
                    () ->
                        h.remote().exec(HostLock.removeIfScript(h.configurer().lockPath(), line)));
            h.lockHeld(false);
          });
    } catch (RuntimeException e) {
      // a lock left behind expires: its heartbeat stopped
      logger.warn("could not release every host lock: {}", e.getMessage());
    }
  }
}
