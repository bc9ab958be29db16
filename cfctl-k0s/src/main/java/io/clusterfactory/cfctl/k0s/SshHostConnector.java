package io.clusterfactory.cfctl.k0s;

import io.clusterfactory.cfctl.core.config.ClusterDefaults;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.config.v1beta1.OpenSshSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.SshSpec;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.k0s.ssh.ConnectionSpec;
import io.clusterfactory.cfctl.k0s.ssh.LocalHost;
import io.clusterfactory.cfctl.k0s.ssh.RemoteHost;
import io.clusterfactory.cfctl.k0s.ssh.SshRemoteHost;
import java.nio.file.Path;

/** Maps a cluster.yaml host to an sshj connection (or this machine for {@code localhost}). */
public final class SshHostConnector implements HostConnector {

  @Override
  public RemoteHost connect(Host host, HostsOptions options) {
    if (host.isLocalhost()) {
      return new LocalHost();
    }
    return SshRemoteHost.connect(spec(host, options));
  }

  /** The connection spec for a host: ssh (or openSSH, same fields) plus run options. */
  public static ConnectionSpec spec(Host host, HostsOptions options) {
    if (host.ssh() != null) {
      return spec(host.ssh(), options);
    }
    OpenSshSpec o = host.openSsh();
    if (o != null) {
      return spec(
          new SshSpec(o.address(), o.user(), o.port(), o.keyPath(), null, null, null), options);
    }
    throw new InvalidInputException(
        host.displayName() + ": no ssh connection configured",
        "give the host an ssh: block with at least address");
  }

  static ConnectionSpec spec(SshSpec s, HostsOptions options) {
    ConnectionSpec c =
        ConnectionSpec.of(
                s.address(),
                s.port() == null ? ClusterDefaults.SSH_PORT : s.port(),
                s.user() == null ? ClusterDefaults.SSH_USER : s.user())
            .withKnownHosts(
                options.knownHosts() == null
                    ? SshRemoteHost.defaultKnownHosts()
                    : options.knownHosts(),
                options.acceptNewHostKeys())
            .withRetries(
                options.connectTimeout(), options.connectRetries(), options.connectWindow())
            .withSshTimeout(options.sshTimeout());
    if (s.keyPath() != null) {
      c = c.withKeyPath(Path.of(s.keyPath()));
    }
    if (s.hostKey() != null) {
      c = c.withHostKey(s.hostKey());
    }
    if (s.bastion() != null) {
      c = c.withBastion(spec(s.bastion(), options));
    }
    return c;
  }
}
