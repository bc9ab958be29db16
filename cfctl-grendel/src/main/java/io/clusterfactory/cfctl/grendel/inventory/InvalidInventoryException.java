package io.clusterfactory.cfctl.grendel.inventory;

import java.util.List;
import java.util.stream.Collectors;

/** The Grendel inventory has at least one ERROR finding; carries all findings. */
public class InvalidInventoryException extends IllegalArgumentException {
  private final List<Finding> findings;

  public InvalidInventoryException(List<Finding> findings) {
    super(
        "invalid provisioning.grendel:\n"
            + findings.stream().map(f -> "  - " + f).collect(Collectors.joining("\n")));
    this.findings = List.copyOf(findings);
  }

  public List<Finding> findings() {
    return findings;
  }
}
