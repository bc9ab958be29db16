package io.clusterfactory.cfctl.k0s.lab;

/**
 * One lab host as seen from the test: its index in the lab (0-based), hostname, SSH address and
 * network namespace.
 */
public record LabHost(int index, String hostname, String address, String netns) {
  /** sshd listens on the standard port. */
  public int port() {
    return 22;
  }
}
