package io.clusterfactory.cfctl.core.config;

/**
 * One thing wrong with the input: where (position and YAML path), what, and how to fix it.
 *
 * @param path the YAML path, e.g. {@code spec.hosts[2].ssh.address}; empty for the document
 * @param position where in the file, or null when the input has no file position
 * @param hint how to fix it, or null
 */
public record Problem(
    Severity severity, String path, Position position, String message, String hint) {

  /** {@code file:line:col: error: spec.hosts[0].role: message (hint)}. */
  public String format() {
    StringBuilder b = new StringBuilder();
    if (position != null) {
      b.append(position).append(": ");
    }
    b.append(severity == Severity.ERROR ? "error: " : "warning: ");
    if (path != null && !path.isEmpty()) {
      b.append(path).append(": ");
    }
    b.append(message);
    if (hint != null && !hint.isEmpty()) {
      b.append(" (").append(hint).append(')');
    }
    return b.toString();
  }
}
