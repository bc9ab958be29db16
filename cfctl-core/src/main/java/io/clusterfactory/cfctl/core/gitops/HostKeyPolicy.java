package io.clusterfactory.cfctl.core.gitops;

/**
 * How an SSH Git remote's host key is checked against known_hosts, as for the hosts. A key that
 * differs from the recorded one is always refused.
 */
public enum HostKeyPolicy {
  /** Only hosts already in known_hosts are accepted (default). */
  STRICT,
  /** An unknown host's key is recorded in known_hosts and accepted (trust on first use). */
  ACCEPT_NEW
}
