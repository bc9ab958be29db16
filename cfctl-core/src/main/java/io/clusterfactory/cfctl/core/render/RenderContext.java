package io.clusterfactory.cfctl.core.render;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.ProvisioningSpec;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;

/**
 * What rendering needs besides the cluster, gathered before it so that rendering itself reads
 * nothing: the version pins and the resolved Grendel inventory (null without provisioning).
 */
public record RenderContext(Versions versions, ResolvedInventory inventory) {

  /** Pins shipped with cfctl; the inventory resolved when the config was loaded. */
  public static RenderContext of(LoadedConfig config) {
    ProvisioningSpec p = config.cluster().spec().provisioning();
    boolean provisioning = p != null && Boolean.TRUE.equals(p.enabled());
    return new RenderContext(
        Versions.pinned(), provisioning ? config.facts().resolvedInventory() : null);
  }
}
