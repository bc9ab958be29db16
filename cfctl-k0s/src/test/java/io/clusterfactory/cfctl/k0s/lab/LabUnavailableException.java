package io.clusterfactory.cfctl.k0s.lab;

/**
 * The lab cannot run on this machine (not root, no sshd, no network namespaces). Lab tests fail
 * with this rather than being skipped; exclude them explicitly with {@code -DexcludedGroups=lab}.
 */
public class LabUnavailableException extends RuntimeException {
  public LabUnavailableException(String message) {
    super(
        message
            + " (the lab tests need root, openssh-server, iproute2, util-linux and overlayfs;"
            + " to leave them out on purpose run with -DexcludedGroups=lab)");
  }
}
