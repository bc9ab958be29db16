package io.clusterfactory.cfctl.k0s;

import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.k0s.ssh.RemoteHost;

/** Opens the connection to one host; tests swap in scripted hosts. */
@FunctionalInterface
public interface HostConnector {
  /**
   * Connects, within bounded time.
   *
   * @throws io.clusterfactory.cfctl.core.error.UnreachableException when the host cannot be reached
   *     or its key is refused
   * @param acceptNewHostKeys record keys known_hosts does not know ({@code --accept-new-host-keys})
   */
  RemoteHost connect(Host host, HostsSettings settings, boolean acceptNewHostKeys);
}
