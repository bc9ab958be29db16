package io.clusterfactory.cfctl.k0s.action;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.k0s.DisruptionRecord;
import io.clusterfactory.cfctl.k0s.HostsOptions;
import io.clusterfactory.cfctl.k0s.model.K0sStatus;
import io.clusterfactory.cfctl.k0s.ssh.ExecResult;
import io.clusterfactory.cfctl.k0s.ssh.RemoteHost;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code cfctl status} for the hosts: reachable, role, k0s version, running. Read-only, and a host
 * that cannot be reached is reported as such instead of failing the whole command.
 */
public final class StatusAction {
  /**
   * @param role the role in cluster.yaml
   * @param runningRole the role k0s runs as, or "" when it does not run
   * @param message why the host is unreachable or k0s is not running, what an interrupted run left
   *     on its node, or ""
   * @param disruption what an interrupted cfctl run left on the node (cordoned, a taint), or ""
   */
  public record HostStatus(
      String host,
      String role,
      boolean reachable,
      boolean running,
      String k0sVersion,
      String runningRole,
      String message,
      String disruption) {
    HostStatus(
        String host,
        String role,
        boolean reachable,
        boolean running,
        String k0sVersion,
        String runningRole,
        String message) {
      this(host, role, reachable, running, k0sVersion, runningRole, message, "");
    }

    /** Reachable, k0s running, and nothing left on the node by an interrupted run. */
    public boolean ok() {
      return running && disruption.isEmpty();
    }
  }

  private static final String RECORD_MARK = "--- cfctl disruption record";

  private final LoadedConfig config;
  private final HostsOptions options;

  public StatusAction(LoadedConfig config, HostsOptions options) {
    this.config = config;
    this.options = options;
  }

  public List<HostStatus> run() {
    List<Host> hosts = config.cluster().spec().hosts();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(hosts.size(), 30)));
    try {
      List<Future<HostStatus>> futures = new ArrayList<>();
      for (Host h : hosts) {
        futures.add(pool.submit(() -> status(h)));
      }
      List<HostStatus> out = new ArrayList<>();
      for (Future<HostStatus> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private HostStatus status(Host h) {
    String role = h.role().yaml();
    try (RemoteHost remote = options.connector().connect(h, options)) {
      // one round trip: the status, then the host's disruption record when k0s runs
      ExecResult r =
          remote.exec(
              ShellQuote.quote(h.k0sInstallPath())
                  + " status -o json && { echo '"
                  + RECORD_MARK
                  + "'; cat "
                  + ShellQuote.quote(DisruptionRecord.path(h.dataDir()))
                  + " 2>/dev/null; true; }");
      if (!r.ok()) {
        String why = (r.stderr() + r.stdout()).trim();
        return new HostStatus(
            h.displayName(),
            role,
            true,
            false,
            "",
            "",
            why.isEmpty() ? "k0s is not running" : why.lines().findFirst().orElse(why));
      }
      int mark = r.stdout().lastIndexOf(RECORD_MARK);
      K0sStatus s = K0sStatus.parse(mark < 0 ? r.stdout() : r.stdout().substring(0, mark));
      String disruption =
          mark < 0
              ? ""
              : String.join(
                  ", ",
                  r.stdout()
                      .substring(mark + RECORD_MARK.length())
                      .lines()
                      .map(String::strip)
                      .filter(l -> !l.isEmpty())
                      .toList());
      return new HostStatus(
          h.displayName(),
          role,
          true,
          true,
          s.version().toString(),
          s.asRole().yaml(),
          disruption.isEmpty()
              ? ""
              : "node left "
                  + disruption
                  + " by an interrupted cfctl run; `cfctl apply` restores it",
          disruption);
    } catch (CfctlException e) {
      return new HostStatus(h.displayName(), role, false, false, "", "", e.getMessage());
    } catch (IllegalArgumentException e) {
      return new HostStatus(
          h.displayName(),
          role,
          true,
          false,
          "",
          "",
          "k0s status not understood: " + e.getMessage());
    }
  }
}
