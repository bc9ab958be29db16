package io.clusterfactory.cfctl.core.error;

/** A host, the API server or the Git remote could not be reached: exit 3. */
public class UnreachableException extends CfctlException {
  private final String target;

  public UnreachableException(String target, String message, Throwable cause) {
    this(target, message, null, cause);
  }

  public UnreachableException(String target, String message, String hint, Throwable cause) {
    super(message, hint, cause);
    this.target = target;
  }

  /** What could not be reached: {@code user@host:port}, an API URL, a Git URL. */
  public String target() {
    return target;
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.UNREACHABLE;
  }
}
