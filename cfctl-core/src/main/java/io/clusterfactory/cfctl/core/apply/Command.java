package io.clusterfactory.cfctl.core.apply;

/**
 * Which command a pipeline runs for. Phases ask it only where a command differs in what it needs
 * (status and kubeconfig need the API address but never lock or change anything).
 */
public enum Command {
  APPLY,
  DIFF,
  KUBECONFIG,
  STATUS,
  RESET,
  /** cfctl backup: reads the leader and the API, writes a local archive. */
  BACKUP;

  /** Whether the command changes hosts, Git or the cluster (in a real run). */
  public boolean mutates() {
    return this == APPLY || this == RESET;
  }
}
