package io.clusterfactory.cfctl.core.error;

/**
 * Base of every error cfctl reports to a user. The message says what went wrong in context ("doing
 * X: cause"); {@link #hint()} optionally says how to fix it. Code never logs an error and throws
 * it.
 */
public abstract class CfctlException extends RuntimeException {
  private final String hint;

  protected CfctlException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  /** The exit code this error maps to. */
  public abstract ExitCode exitCode();

  /** How to fix it, or null. */
  public String hint() {
    return hint;
  }
}
