package io.clusterfactory.cfctl.grendel.api;

/** A Grendel API call failed; {@link #kind()} tells the caller which exit code it maps to. */
public class GrendelApiException extends RuntimeException {

  public enum Kind {
    /** No answer: connection refused, timeout, missing socket, or 502/503/504 after retries. */
    UNREACHABLE,
    /** The server answered with an error status (bad token, invalid data, unknown image...). */
    REJECTED,
    /** The server answered something that is not the documented format. */
    PROTOCOL,
    /** The chosen API generation has no such operation (e.g. power on the legacy API). */
    UNSUPPORTED
  }

  private final Kind kind;
  private final int status;

  public GrendelApiException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  public GrendelApiException(Kind kind, String message) {
    this(kind, 0, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** HTTP status of the answer, or 0 when there was none. */
  public int status() {
    return status;
  }
}
