package io.clusterfactory.cfctl.k0s.ssh;

import io.clusterfactory.cfctl.core.error.UnreachableException;

/**
 * The host's key was refused: it differs from the pinned {@code hostKey}, it is unknown and new
 * keys are not accepted, or it changed since it was recorded in known_hosts. Never retried.
 */
public class HostKeyRejectedException extends UnreachableException {
  /** Why the key was refused. */
  public enum Reason {
    PINNED_MISMATCH,
    UNKNOWN,
    CHANGED
  }

  private final Reason reason;
  private final String offeredFingerprint;

  public HostKeyRejectedException(
      String target, Reason reason, String offeredFingerprint, String message, String hint) {
    super(target, message, hint, null);
    this.reason = reason;
    this.offeredFingerprint = offeredFingerprint;
  }

  public Reason reason() {
    return reason;
  }

  /** {@code SHA256:...} of the key the host offered. */
  public String offeredFingerprint() {
    return offeredFingerprint;
  }
}
