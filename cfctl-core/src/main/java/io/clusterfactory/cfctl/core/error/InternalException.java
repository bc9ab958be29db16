package io.clusterfactory.cfctl.core.error;

/** A bug in cfctl: exit 4. */
public class InternalException extends CfctlException {
  public InternalException(String message, Throwable cause) {
    super(message, "this is a bug in cfctl; please report it with the log file", cause);
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.INTERNAL;
  }
}
