package io.clusterfactory.cfctl.core.apply;

/**
 * The places in a command's phase list where the host side (cfctl-k0s) puts its phases. Core writes
 * each list once ({@link Pipelines}) and asks the host side for the phases of each step.
 */
public enum HostStep {
  /** Connect, detect the OS, gather and validate host facts: read-only. */
  CONNECT,
  /** Take the exclusive host lock (only check it in a dry run). */
  LOCK,
  /** Learn what k0s each host runs, choose the leader once: read-only. */
  INSPECT,
  /** Install, join, upgrade and reset marked hosts: the host mutations of apply. */
  INSTALL,
  /** Fetch the admin kubeconfig from the leader over the open connection. */
  KUBECONFIG,
  /** Bring each host's Node to cluster.yaml through the API (labels, taints): under the lease. */
  NODES,
  /** Compare hosts with cluster.yaml from the facts and the planned changes (diff). */
  COMPARE,
  /** Per-host status (status). */
  STATUS,
  /** Remove k0s from every host (reset). */
  RESET,
  /** Take k0s's own backup on the leader and fetch it (backup). */
  BACKUP,
  /** Release the host lock and close every connection: the end of every list. */
  RELEASE
}
