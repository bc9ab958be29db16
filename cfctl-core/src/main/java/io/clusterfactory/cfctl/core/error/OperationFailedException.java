package io.clusterfactory.cfctl.core.error;

/** The operation ran and failed (a command on a host, a wait that timed out): exit 1. */
public class OperationFailedException extends CfctlException {
  public OperationFailedException(String message) {
    this(message, null, null);
  }

  public OperationFailedException(String message, Throwable cause) {
    this(message, null, cause);
  }

  public OperationFailedException(String message, String hint, Throwable cause) {
    super(message, hint, cause);
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.FAILED;
  }
}
