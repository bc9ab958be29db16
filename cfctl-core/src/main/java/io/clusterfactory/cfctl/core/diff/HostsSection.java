package io.clusterfactory.cfctl.core.diff;

import java.util.List;

/**
 * The hosts part of a diff.
 *
 * @param k0sVersionBefore the cluster's current k0s version ({@code ""} when not installed yet)
 * @param k0sVersionAfter the version apply installs or upgrades to
 * @param hosts one entry per host in the config or on the cluster, sorted by host
 */
public record HostsSection(String k0sVersionBefore, String k0sVersionAfter, List<HostDiff> hosts) {
  public HostsSection {
    k0sVersionBefore = k0sVersionBefore == null ? "" : k0sVersionBefore;
    k0sVersionAfter = k0sVersionAfter == null ? "" : k0sVersionAfter;
    hosts = hosts == null ? List.of() : List.copyOf(hosts.stream().sorted().toList());
  }

  public boolean k0sVersionChanges() {
    return !k0sVersionBefore.equals(k0sVersionAfter);
  }

  public Summary summary() {
    return Summary.count(hosts, HostDiff::change);
  }

  /** True when a host changes or the cluster's k0s version changes. */
  public boolean hasChanges() {
    return k0sVersionChanges() || summary().changes() > 0;
  }
}
