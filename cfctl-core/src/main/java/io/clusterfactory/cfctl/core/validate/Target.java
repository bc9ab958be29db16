package io.clusterfactory.cfctl.core.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.SourceMap;

/**
 * One object to check.
 *
 * @param file the tree file holding it, or {@code hydrated/<app>/<template>}
 * @param body the object as a Kubernetes reader sees it
 * @param positions where each field is in the file, or null when not read from text
 */
public record Target(String file, ObjectNode body, SourceMap positions) {

  public Target(String file, ObjectNode body) {
    this(file, body, null);
  }

  public String apiVersion() {
    return body.path("apiVersion").asText("");
  }

  public String kind() {
    return body.path("kind").asText("");
  }

  /** The API group ("" for the core group). */
  public String group() {
    String v = apiVersion();
    int slash = v.indexOf('/');
    return slash < 0 ? "" : v.substring(0, slash);
  }

  public String name() {
    return body.path("metadata").path("name").asText("");
  }

  public String namespace() {
    return body.path("metadata").path("namespace").asText("");
  }

  /** {@code Kind namespace/name}, or {@code Kind name} without a namespace. */
  public String label() {
    return kind() + " " + (namespace().isEmpty() ? name() : namespace() + "/" + name());
  }

  int line(String path) {
    return positions == null ? 0 : positions.valueOf(path).line();
  }

  Finding error(String path, String message) {
    return new Finding(Finding.Severity.ERROR, file, line(path), label(), path, message);
  }

  Finding note(String message) {
    return new Finding(Finding.Severity.NOTE, file, 0, label(), "", message);
  }
}
