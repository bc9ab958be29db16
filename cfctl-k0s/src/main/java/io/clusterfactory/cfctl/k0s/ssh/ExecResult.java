package io.clusterfactory.cfctl.k0s.ssh;

import io.clusterfactory.cfctl.core.error.OperationFailedException;

/** What a command left behind: its exit code and everything it printed. */
public record ExecResult(int exitCode, String stdout, String stderr) {
  private static final int MAX_OUTPUT_IN_MESSAGE = 2000;

  public boolean ok() {
    return exitCode == 0;
  }

  /**
   * Returns this result when the command succeeded, else throws an {@link OperationFailedException}
   * saying {@code context} (what was being done, on which host), the exit code and what the command
   * printed on stderr (or stdout when stderr is empty).
   */
  public ExecResult orThrow(String context) {
    if (ok()) {
      return this;
    }
    String output = stderr.isBlank() ? stdout : stderr;
    String trimmed = output.strip();
    if (trimmed.length() > MAX_OUTPUT_IN_MESSAGE) {
      trimmed = "..." + trimmed.substring(trimmed.length() - MAX_OUTPUT_IN_MESSAGE);
    }
    throw new OperationFailedException(
        context
            + ": exit code "
            + exitCode
            + (trimmed.isEmpty() ? " (no output)" : ": " + trimmed));
  }
}
