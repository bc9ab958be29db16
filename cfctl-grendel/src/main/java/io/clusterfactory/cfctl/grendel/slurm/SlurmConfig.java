package io.clusterfactory.cfctl.grendel.slurm;

import io.clusterfactory.cfctl.grendel.config.SlurmNodeSpec;
import io.clusterfactory.cfctl.grendel.inventory.Finding;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedNode;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSetSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node and partition lines of slurm.conf, generated from the inventory. Nodes with identical
 * attributes share one {@code NodeName=} line with a folded nodeset; output is deterministic.
 */
public final class SlurmConfig {
  private SlurmConfig() {}

  /** {@code NodeName=...} lines then {@code PartitionName=...} lines, newline-terminated. */
  public static String render(ResolvedInventory inventory) {
    StringBuilder out = new StringBuilder();
    for (String line : nodeLines(inventory)) {
      out.append(line).append('\n');
    }
    for (String line : partitionLines(inventory)) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /**
   * One line per distinct attribute set, e.g. {@code NodeName=cn[001-128] CPUs=64 Sockets=2
   * CoresPerSocket=16 ThreadsPerCore=2 RealMemory=256000 Gres=gpu:4 Feature=avx512 State=UNKNOWN},
   * ordered by the first node of each line. Nodes without SLURM attributes are left out.
   */
  public static List<String> nodeLines(ResolvedInventory inventory) {
    Map<String, List<String>> namesByAttributes = new LinkedHashMap<>();
    for (ResolvedNode node : inventory.nodes()) {
      if (node.slurm() != null) {
        namesByAttributes
            .computeIfAbsent(attributes(node.slurm()), k -> new ArrayList<>())
            .add(node.name());
      }
    }
    // nodes are in nodeset order, so insertion order is the order of each line's first node
    List<String> lines = new ArrayList<>(namesByAttributes.size());
    namesByAttributes.forEach(
        (attributes, names) -> lines.add("NodeName=" + NodeSet.fold(names) + attributes));
    return lines;
  }

  /**
   * {@code PartitionName=batch Nodes=cn[001-128] Default=YES State=UP} per partition, in the order
   * groups first name them; the inventory's default partition gets {@code Default=YES}.
   */
  public static List<String> partitionLines(ResolvedInventory inventory) {
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (String partition : inventory.partitions()) {
      members.put(partition, new ArrayList<>());
    }
    for (ResolvedNode node : inventory.nodes()) {
      for (String partition : node.partitions()) {
        members.get(partition).add(node.name());
      }
    }
    List<String> lines = new ArrayList<>(members.size());
    members.forEach(
        (partition, names) ->
            lines.add(
                "PartitionName="
                    + partition
                    + " Nodes="
                    + NodeSet.fold(names)
                    + " Default="
                    + (partition.equals(inventory.defaultPartition()) ? "YES" : "NO")
                    + " State=UP"));
    return lines;
  }

  /**
   * Findings when {@code nodeset} (e.g. a hand-written partition's Nodes=) is malformed or names
   * nodes the inventory does not have. {@code path} is where the nodeset was written.
   */
  public static List<Finding> checkNodes(String path, String nodeset, ResolvedInventory inventory) {
    NodeSet wanted;
    try {
      wanted = NodeSet.parse(nodeset);
    } catch (NodeSetSyntaxException e) {
      return List.of(Finding.error(path, e.getMessage(), "ClusterShell syntax, e.g. cn[001-128]"));
    }
    NodeSet unknown = wanted.difference(inventory.nodeSet());
    if (unknown.isEmpty()) {
      return List.of();
    }
    return List.of(
        Finding.error(
            path,
            (unknown.size() == 1
                    ? "1 node is not in the Grendel inventory: "
                    : unknown.size() + " nodes are not in the Grendel inventory: ")
                + unknown.fold(),
            "add them to a provisioning.grendel group or remove them from the nodeset"));
  }

  private static String attributes(SlurmNodeSpec slurm) {
    StringBuilder out = new StringBuilder();
    append(out, "CPUs", slurm.cpus());
    append(out, "Sockets", slurm.sockets());
    append(out, "CoresPerSocket", slurm.coresPerSocket());
    append(out, "ThreadsPerCore", slurm.threadsPerCore());
    append(out, "RealMemory", slurm.realMemory());
    if (slurm.gres() != null && !slurm.gres().isEmpty()) {
      out.append(" Gres=").append(String.join(",", slurm.gres()));
    }
    if (slurm.features() != null && !slurm.features().isEmpty()) {
      out.append(" Feature=").append(String.join(",", slurm.features()));
    }
    return out.append(" State=UNKNOWN").toString();
  }

  private static void append(StringBuilder out, String key, Number value) {
    if (value != null) {
      out.append(' ').append(key).append('=').append(value);
    }
  }
}
