package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a connection to every host at once (bounded by the concurrency limit and each attempt by
 * the connect timeouts). Runs before any change: when one host is down the run stops here, naming
 * it, and no host has been touched.
 */
public final class Connect implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(Connect.class);

  private final Predicate<HostState> which;

  public Connect() {
    this(h -> true);
  }

  public Connect(Predicate<HostState> which) {
    this.which = which;
  }

  @Override
  public String title() {
    return "Connect to hosts";
  }

  @Override
  public void run(HostsContext ctx) {
    List<HostState> targets = ctx.hosts(which.and(h -> !h.connected()));
    ctx.each(
        "connecting",
        targets,
        h -> {
          h.remote(ctx.options().connector().connect(h.spec(), ctx.options()));
          logger.info("{}: connected", h.name());
        });
  }

  @Override
  public void cleanUp(HostsContext ctx) {
    Disconnect.closeAll(ctx);
  }
}
