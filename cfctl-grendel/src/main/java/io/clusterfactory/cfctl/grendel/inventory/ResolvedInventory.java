package io.clusterfactory.cfctl.grendel.inventory;

import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.config.BootImageSpec;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated inventory: images (defaults applied, sorted by name) and nodes in nodeset order.
 * {@code partitions} are SLURM partition names in the order groups first mention them. {@code
 * prefixLength}/{@code bmcPrefixLength} are the CIDR lengths written next to node and BMC IPs;
 * {@code domain} may be null.
 */
public record ResolvedInventory(
    ApiGeneration generation,
    String subnet,
    int prefixLength,
    String bmcSubnet,
    int bmcPrefixLength,
    String domain,
    List<BootImageSpec> images,
    List<ResolvedNode> nodes,
    List<String> partitions,
    String defaultPartition) {

  public NodeSet nodeSet() {
    return NodeSet.of(nodes.stream().map(ResolvedNode::name).toList());
  }

  /** One node by name (a linear scan; use {@link #nodesByName()} for many lookups). */
  public Optional<ResolvedNode> node(String name) {
    return nodes.stream().filter(node -> node.name().equals(name)).findFirst();
  }

  /** Nodes by name, in nodeset order. */
  public Map<String, ResolvedNode> nodesByName() {
    Map<String, ResolvedNode> byName = new LinkedHashMap<>(nodes.size() * 2);
    for (ResolvedNode node : nodes) {
      byName.put(node.name(), node);
    }
    return byName;
  }
}
