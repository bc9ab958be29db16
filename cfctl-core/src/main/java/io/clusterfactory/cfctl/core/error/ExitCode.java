package io.clusterfactory.cfctl.core.error;

/**
 * The exit codes of every cfctl command (see docs/cli.md). The CLI maps exceptions to these in one
 * place; library code only chooses the exception type.
 */
public enum ExitCode {
  /** Success; for {@code diff}, no change. */
  OK(0),
  /** The operation failed, or {@code diff} found changes. */
  FAILED(1),
  /** Invalid input: flags or the config file. Nothing was touched. */
  INVALID_INPUT(2),
  /** A host, the API server or the Git remote could not be reached. */
  UNREACHABLE(3),
  /** A bug in cfctl. */
  INTERNAL(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
