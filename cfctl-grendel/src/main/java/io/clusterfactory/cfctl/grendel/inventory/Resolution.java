package io.clusterfactory.cfctl.grendel.inventory;

import java.util.List;

/** Result of {@link Inventory#analyze}: the inventory (null when any finding is an ERROR). */
public record Resolution(ResolvedInventory inventory, List<Finding> findings) {
  public boolean hasErrors() {
    return findings.stream().anyMatch(Finding::isError);
  }
}
