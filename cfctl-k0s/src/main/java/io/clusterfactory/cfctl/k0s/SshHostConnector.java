package io.clusterfactory.cfctl.k0s;

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
  public RemoteHost connect(Host host, HostsSettings options, boolean acceptNewHostKeys) {
    if (host.isLocalhost()) {
      return new LocalHost();
    }
    return SshRemoteHost.connect(spec(host, options, acceptNewHostKeys));
  }

  /** The connection spec for a host: ssh (or openSSH, same fields) plus run options. */
  public static ConnectionSpec spec(Host host, HostsSettings options, boolean acceptNewHostKeys) {
    if (host.ssh() != null) {
      return spec(host.ssh(), options, acceptNewHostKeys);
    }
    OpenSshSpec o = host.openSsh();
    if (o != null) {
      return spec(
          new SshSpec(o.address(), o.user(), o.port(), o.keyPath(), null, null, null),
          options,
          acceptNewHostKeys);
    }
    throw new InvalidInputException(
        host.displayName() + ": no ssh connection configured",
        "give the host an ssh: block with at least address");
  }

  static ConnectionSpec spec(SshSpec s, HostsSettings options, boolean acceptNewHostKeys) {
    ConnectionSpec c =
        ConnectionSpec.of(s.address(), s.port(), s.user())
            .withKnownHosts(
                options.knownHosts() == null
                    ? SshRemoteHost.defaultKnownHosts()
                    : options.knownHosts(),
                acceptNewHostKeys)
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
      c = c.withBastion(spec(s.bastion(), options, acceptNewHostKeys));
    }
    return c;
  }
}
