package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.secrets.Redactor;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.model.Kubeconfigs;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;

/**
 * The admin kubeconfig from the leader ({@code k0s kubeconfig admin}) over the connection already
 * open, the leader being the one {@link GatherK0sFacts} chose: its server is rewritten to the API
 * address reachable from here, its names to metadata.name and metadata.user, and its key is
 * registered with the redactor before anything could log it. When no controller runs k0s yet (a new
 * cluster) the context says so, and a dry run or diff goes on without the API.
 */
public final class GetKubeconfig implements Phase<HostsContext> {
  @Override
  public String title() {
    return "Get the admin kubeconfig";
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return ctx.needsApi() && ctx.kubeconfig() == null && ctx.options().kubeconfig() == null;
  }

  @Override
  public void run(HostsContext ctx) {
    HostState leader = ctx.leaderOrNull();
    if (leader == null || !leader.connected()) {
      String why =
          ctx.controllers().stream()
              .map(HostState::unreachable)
              .filter(w -> w != null)
              .findFirst()
              .orElse("no controller in cluster.yaml");
      throw new UnreachableException(
          "controllers", "no controller could be reached for the admin kubeconfig: " + why, null);
    }
    String k0s = ShellQuote.quote(leader.k0sPath());
    // k0s must run: a new cluster's leader does only once this run installed it
    if (!leader.remote().exec(k0s + " status -o json").ok()) {
      ctx.clusterMissing(
          "cluster not created yet: no controller runs k0s (" + leader.name() + " does not)");
      return;
    }
    String raw =
        leader
            .remote()
            .exec(
                k0s + " kubeconfig admin --data-dir=" + ShellQuote.quote(leader.dataDir()),
                ExecOptions.defaults().redacted())
            .orThrow(leader.name() + ": k0s kubeconfig admin")
            .stdout();
    Cluster c = ctx.cluster();
    String kubeconfig =
        Kubeconfigs.rewrite(raw, server(ctx, leader), c.metadata().name(), c.metadata().user());
    kubeconfig
        .lines()
        .map(String::trim)
        .filter(l -> l.startsWith("client-key-data:") || l.startsWith("token:"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .forEach(Redactor.global()::register);
    ctx.clusterMissing(null);
    ctx.kubeconfig(kubeconfig);
  }

  static String server(HostsContext ctx, HostState controller) {
    int port = ctx.config().facts().k0sApi().port();
    String override = ctx.options().kubeconfigAddress();
    if (override != null && !override.isBlank()) {
      if (override.contains("://")) {
        return override;
      }
      // host:port (one colon; an IPv6 address has more, or comes in brackets)
      if (override.indexOf(':') > 0 && override.indexOf(':') == override.lastIndexOf(':')
          || override.startsWith("[") && override.contains("]:")) {
        return "https://" + override;
      }
      return Kubeconfigs.serverUrl(override, port);
    }
    String external = ctx.config().facts().k0sApi().externalAddress();
    if (external != null) {
      return Kubeconfigs.serverUrl(external, port);
    }
    String address =
        controller.spec().ssh() != null ? controller.spec().ssh().address() : "127.0.0.1";
    return Kubeconfigs.serverUrl(address, port);
  }
}
