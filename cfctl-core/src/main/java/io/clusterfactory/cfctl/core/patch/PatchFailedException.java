package io.clusterfactory.cfctl.core.patch;

import io.clusterfactory.cfctl.core.error.InvalidInputException;

/** A patch of cluster.yaml cannot be applied to an object it targets: exit 2. */
public final class PatchFailedException extends InvalidInputException {
  private final String yamlPath;

  public PatchFailedException(String yamlPath, String message, String hint) {
    super(yamlPath + ": " + message, hint);
    this.yamlPath = yamlPath;
  }

  /** The patch's YAML path in cluster.yaml. */
  public String yamlPath() {
    return yamlPath;
  }

  /** The message without the path. */
  public String reason() {
    return getMessage().substring(yamlPath.length() + 2);
  }
}
