package io.clusterfactory.cfctl.k0s;

/**
 * The file on a host that lists what cfctl did to its Kubernetes node and has not undone yet
 * ({@code cordoned}, {@code taint key=value:Effect}), written before the node is cordoned or
 * tainted and removed once it is back, so that a run killed in between can be repaired by the next
 * apply and reported by {@code cfctl status}.
 */
public final class DisruptionRecord {
  private DisruptionRecord() {}

  /** In the k0s data dir: it survives a reboot, and {@code k0s reset} removes it with the node. */
  public static String path(String dataDir) {
    return dataDir + "/cfctl-disruption";
  }
}
