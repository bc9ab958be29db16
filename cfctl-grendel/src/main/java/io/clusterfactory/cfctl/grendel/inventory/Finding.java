package io.clusterfactory.cfctl.grendel.inventory;

/**
 * One validation problem. {@code path} is relative to the {@code provisioning.grendel} block
 * ({@code groups[2].ipStart}, {@code images[0].kernel}, {@code inventory}); problems in the CSV
 * inventory use path {@code inventory} and start the message with {@code file.csv:LINE}.
 */
public record Finding(String path, String message, String hint, Severity severity) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static Finding error(String path, String message, String hint) {
    return new Finding(path, message, hint, Severity.ERROR);
  }

  public static Finding warning(String path, String message, String hint) {
    return new Finding(path, message, hint, Severity.WARNING);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code path: message (hint)}, as printed to users. */
  @Override
  public String toString() {
    String where = path == null || path.isEmpty() ? "" : path + ": ";
    String tail = hint == null || hint.isEmpty() ? "" : " (" + hint + ")";
    return (severity == Severity.WARNING ? "warning: " : "") + where + message + tail;
  }
}
