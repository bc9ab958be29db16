package io.clusterfactory.cfctl.core.error;

/** Bad flags, a bad config file, a bad nodeset: exit 2, nothing touched. */
public class InvalidInputException extends CfctlException {
  public InvalidInputException(String message) {
    this(message, null, null);
  }

  public InvalidInputException(String message, String hint) {
    this(message, hint, null);
  }

  public InvalidInputException(String message, String hint, Throwable cause) {
    super(message, hint, cause);
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.INVALID_INPUT;
  }
}
