package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.core.error.CfctlException;

/**
 * A failure reported like any other, but with the exit code of a command-specific convention
 * (terraform's {@code --detailed-exitcode} for diff). Only {@link ErrorHandler} reads it.
 */
public final class ExitOverride extends RuntimeException {
  private final int code;

  public ExitOverride(CfctlException cause, int code) {
    super(cause.getMessage(), cause);
    this.code = code;
  }

  public int code() {
    return code;
  }

  public CfctlException failure() {
    return (CfctlException) getCause();
  }
}
