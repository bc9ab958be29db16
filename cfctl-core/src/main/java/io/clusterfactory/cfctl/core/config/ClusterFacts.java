package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.ProvisioningSpec;
import io.clusterfactory.cfctl.grendel.inventory.Inventory;
import io.clusterfactory.cfctl.grendel.inventory.Resolution;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import java.nio.file.Path;
import java.util.List;

/**
 * What cfctl derives from a defaulted cluster.yaml, computed once when it is loaded and carried by
 * {@link LoadedConfig}: validation reports on it, rendering, provisioning and the hosts use it, and
 * none of them computes it again. For thousands of nodes the inventory is most of that work.
 *
 * @param reservedRanges the MetalLB pools as IPv4 ranges ({@code a.b.c.d-e.f.g.h}); node addresses
 *     stay out of them
 * @param inventory the Grendel inventory resolved against the folder of cluster.yaml, with its
 *     findings; null without a grendel block. Resolved even when provisioning is off, since {@code
 *     cfctl nodes} works on it; validation reports its findings only when provisioning is on
 * @param k0sApi where the k0s API server listens
 * @param site the value files and manifests beside cluster.yaml that the site's customisations
 *     name, read once here
 */
public record ClusterFacts(
    List<String> reservedRanges, Resolution inventory, K0sApi k0sApi, SiteFiles site) {

  public ClusterFacts {
    reservedRanges = List.copyOf(reservedRanges);
  }

  /** Derives the facts of a defaulted cluster; relative paths resolve against {@code baseDir}. */
  public static ClusterFacts of(Cluster cluster, Path baseDir) {
    List<String> reserved = StackNetworks.reservedRanges(cluster.spec().network());
    ProvisioningSpec p = cluster.spec().provisioning();
    Resolution inventory =
        p != null && p.grendel() != null ? Inventory.analyze(p.grendel(), baseDir, reserved) : null;
    return new ClusterFacts(
        reserved, inventory, K0sApi.of(cluster.spec().k0s()), SiteFiles.read(cluster, baseDir));
  }

  /**
   * The resolved inventory, or null without a grendel block or when it has errors (with
   * provisioning on, those fail the load).
   */
  public ResolvedInventory resolvedInventory() {
    return inventory == null ? null : inventory.inventory();
  }
}
