package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes every connection; also what a failed run's clean-up does. */
public final class Disconnect implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(Disconnect.class);

  @Override
  public String title() {
    return "Disconnect from hosts";
  }

  @Override
  public void run(HostsContext ctx) {
    closeAll(ctx);
  }

  static void closeAll(HostsContext ctx) {
    ctx.lockKeeper().stopAll();
    for (HostState h : ctx.hosts()) {
      if (h.connected()) {
        try {
          h.remote().close();
        } catch (RuntimeException e) {
          logger.debug("{}: closing: {}", h.name(), e.getMessage());
        }
        h.remote(null);
      }
    }
  }
}
