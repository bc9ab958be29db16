package io.clusterfactory.cfctl.core.render;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.SiteFiles;
import io.clusterfactory.cfctl.core.config.SourceMap;
import io.clusterfactory.cfctl.core.config.v1beta1.ProvisioningSpec;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;

/**
 * What rendering needs besides the cluster, gathered before it so that rendering itself reads
 * nothing: the version pins, the resolved Grendel inventory (null without provisioning), the files
 * the site's customisations name (value files, manifests), and the positions of cluster.yaml for
 * the problems only rendering finds (a patch that matches nothing; null without a file).
 */
public record RenderContext(
    Versions versions, ResolvedInventory inventory, SiteFiles site, SourceMap sourceMap) {

  public RenderContext {
    site = site == null ? SiteFiles.empty() : site;
  }

  /** Without site files or positions (a cluster built in code). */
  public RenderContext(Versions versions, ResolvedInventory inventory) {
    this(versions, inventory, SiteFiles.empty(), null);
  }

  /** Pins shipped with cfctl; the inventory and site files read when the config was loaded. */
  public static RenderContext of(LoadedConfig config) {
    ProvisioningSpec p = config.cluster().spec().provisioning();
    boolean provisioning = p != null && Boolean.TRUE.equals(p.enabled());
    return new RenderContext(
        Versions.pinned(),
        provisioning ? config.facts().resolvedInventory() : null,
        config.facts().site(),
        config.sourceMap());
  }
}
