package io.clusterfactory.cfctl.core.apply;

/**
 * One host as {@code cfctl status} reports it.
 *
 * @param role the role in cluster.yaml
 * @param runningRole the role k0s runs as, or "" when it does not run
 * @param message why the host is unreachable or k0s is not running, what an interrupted run left on
 *     its node, or ""
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

  /** Reachable, k0s running, and nothing left on the node by an interrupted run. */
  public boolean ok() {
    return running && disruption.isEmpty();
  }
}
