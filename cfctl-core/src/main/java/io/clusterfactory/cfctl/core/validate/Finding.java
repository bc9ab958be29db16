package io.clusterfactory.cfctl.core.validate;

/**
 * One thing wrong with (or not checked in) one object.
 *
 * @param severity an error stops the run; a warning (printed) and a note (logged) do not
 * @param file the tree file holding the object, or {@code hydrated/<app>/<template>}
 * @param line line of the field in the file (1-based), or 0 when unknown
 * @param object {@code Kind namespace/name} (or {@code Kind name} for cluster-scoped objects)
 * @param path the field's JSON path, e.g. {@code spec.template.spec.containers[0].env[1].value};
 *     empty for the whole object
 * @param message what is wrong
 */
public record Finding(
    Severity severity, String file, int line, String object, String path, String message) {

  /**
   * Errors stop a run; warnings say what is likely a mistake (a values key no template reads);
   * notes say what could not be checked.
   */
  public enum Severity {
    ERROR,
    WARNING,
    NOTE
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file[:line]: Kind ns/name: field.path: message}. */
  public String format() {
    StringBuilder b = new StringBuilder(file);
    if (line > 0) {
      b.append(':').append(line);
    }
    b.append(": ").append(object);
    if (!path.isEmpty()) {
      b.append(": ").append(path);
    }
    return b.append(": ").append(message).toString();
  }
}
