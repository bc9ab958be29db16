package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.ssh.EnvironmentHost;
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
    // a run that changes hosts needs every host; one that only reads the API address needs the
    // controllers, and goes on without those it cannot reach (status reports them)
    boolean allHosts = ctx.managesHosts() || ctx.command() == Command.RESET;
    boolean tolerant = !allHosts;
    List<HostState> targets =
        ctx.hosts(
            which
                .and(h -> !h.connected())
                .and(h -> allHosts || ctx.command() == Command.STATUS || h.role().isController()));
    ctx.each(
        "connecting",
        targets,
        h -> {
          try {
            h.remote(
                EnvironmentHost.of(
                    ctx.settings()
                        .connector()
                        .connect(h.spec(), ctx.settings(), ctx.options().acceptNewHostKeys()),
                    h.spec().environment()));
            logger.info("{}: connected", h.name());
          } catch (CfctlException e) {
            if (!tolerant) {
              throw e;
            }
            h.unreachable(e.getMessage());
            logger.warn("{}: {}", h.name(), e.getMessage());
          }
        });
  }

  @Override
  public void cleanUp(HostsContext ctx) {
    Disconnect.closeAll(ctx);
  }
}
