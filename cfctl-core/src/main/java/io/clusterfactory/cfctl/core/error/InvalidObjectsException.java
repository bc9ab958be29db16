package io.clusterfactory.cfctl.core.error;

import java.util.List;

/**
 * Objects cfctl would write or apply that an API server or Argo CD would refuse: exit 2, nothing
 * touched. Each line reads {@code file: Kind namespace/name: field.path: what is wrong}.
 */
public class InvalidObjectsException extends InvalidInputException {
  private final List<String> findings;

  public InvalidObjectsException(List<String> findings, String hint) {
    super(message(findings), hint);
    this.findings = List.copyOf(findings);
  }

  /** Every finding, one line each. */
  public List<String> findings() {
    return findings;
  }

  private static String message(List<String> findings) {
    return (findings.size() == 1
            ? "1 invalid object field"
            : findings.size() + " invalid object fields")
        + ":\n  "
        + String.join("\n  ", findings);
  }
}
