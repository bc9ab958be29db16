package io.clusterfactory.cfctl.k0s.action;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.HostsOptions;
import io.clusterfactory.cfctl.k0s.model.K0sStatus;
import io.clusterfactory.cfctl.k0s.model.Kubeconfigs;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;

/**
 * {@code cfctl kubeconfig}: the admin kubeconfig from the first running controller ({@code k0s
 * kubeconfig admin}), its server rewritten to the API address reachable from here, its cluster,
 * context and user renamed after metadata.name and metadata.user. Returns the YAML; writing it
 * (mode 0600) is the caller's.
 */
public final class KubeconfigAction {
  private final LoadedConfig config;
  private final HostsOptions options;
  private final String addressOverride;

  /**
   * @param addressOverride the API address to write (host or URL), or null: the k0s
   *     externalAddress, else the controller's SSH address
   */
  public KubeconfigAction(LoadedConfig config, HostsOptions options, String addressOverride) {
    this.config = config;
    this.options = options;
    this.addressOverride = addressOverride;
  }

  public String run() {
    HostsContext ctx = new HostsContext(config, options.withDryRun(true));
    UnreachableException lastUnreachable = null;
    for (HostState h : ctx.controllers()) {
      if (h.spec().reset()) {
        continue;
      }
      try {
        h.remote(options.connector().connect(h.spec(), options));
      } catch (UnreachableException e) {
        lastUnreachable = e;
        continue;
      }
      try {
        String k0s = ShellQuote.quote(h.k0sPath());
        var status = h.remote().exec(k0s + " status -o json");
        if (!status.ok() || parse(status.stdout()) == null) {
          continue;
        }
        String raw =
            h.remote()
                .exec(
                    k0s + " kubeconfig admin --data-dir=" + ShellQuote.quote(h.dataDir()),
                    ExecOptions.defaults().redacted())
                .orThrow(h.name() + ": k0s kubeconfig admin")
                .stdout();
        Cluster c = config.cluster();
        return Kubeconfigs.rewrite(raw, server(h), c.metadata().name(), c.metadata().user());
      } finally {
        h.remote().close();
        h.remote(null);
      }
    }
    if (lastUnreachable != null) {
      throw lastUnreachable;
    }
    throw new OperationFailedException(
        "no controller runs k0s, so there is no admin kubeconfig to fetch",
        "run cfctl apply first",
        null);
  }

  private static K0sStatus parse(String json) {
    try {
      return K0sStatus.parse(json);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  String server(HostState controller) {
    int port = config.facts().k0sApi().port();
    if (addressOverride != null && !addressOverride.isBlank()) {
      return addressOverride.contains("://")
          ? addressOverride
          : Kubeconfigs.serverUrl(addressOverride, port);
    }
    String external = config.facts().k0sApi().externalAddress();
    if (external != null) {
      return Kubeconfigs.serverUrl(external, port);
    }
    String address =
        controller.spec().ssh() != null ? controller.spec().ssh().address() : "127.0.0.1";
    return Kubeconfigs.serverUrl(address, port);
  }
}
