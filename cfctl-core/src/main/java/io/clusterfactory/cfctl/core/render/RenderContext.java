package io.clusterfactory.cfctl.core.render;

import io.clusterfactory.cfctl.core.config.InventoryResolutions;
import io.clusterfactory.cfctl.core.config.StackNetworks;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.ProvisioningSpec;
import io.clusterfactory.cfctl.grendel.inventory.InvalidInventoryException;
import io.clusterfactory.cfctl.grendel.inventory.Resolution;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import java.nio.file.Path;

/**
 * What rendering needs besides the cluster, gathered before it so that rendering itself reads
 * nothing: the version pins and the resolved Grendel inventory (null without provisioning).
 */
public record RenderContext(Versions versions, ResolvedInventory inventory) {

  /** Pins shipped with cfctl; the inventory resolved against the folder of cluster.yaml. */
  public static RenderContext of(Cluster cluster, Path baseDir) {
    ProvisioningSpec p = cluster.spec().provisioning();
    ResolvedInventory inventory = null;
    if (p != null && p.enabled() && p.grendel() != null) {
      Resolution r =
          InventoryResolutions.analyze(
              p.grendel(), baseDir, StackNetworks.reservedRanges(cluster.spec().network()));
      if (r.hasErrors()) {
        throw new InvalidInventoryException(r.findings());
      }
      inventory = r.inventory();
    }
    return new RenderContext(Versions.pinned(), inventory);
  }
}
