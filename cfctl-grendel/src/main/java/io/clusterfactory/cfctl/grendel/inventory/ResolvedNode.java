package io.clusterfactory.cfctl.grendel.inventory;

import io.clusterfactory.cfctl.grendel.config.SlurmNodeSpec;
import java.util.List;

/**
 * A compute node with everything resolved: addresses from its group's rule, MACs from the CSV
 * inventory. {@code ip} and {@code bmcIp} are plain addresses without prefix; {@code bmcIp} and
 * {@code bmcMac} may be null; {@code slurm} is null when the group is not in slurm.conf.
 */
public record ResolvedNode(
    String name,
    int groupIndex,
    String mac,
    String ip,
    String bmcIp,
    String bmcMac,
    String image,
    String firmware,
    List<String> tags,
    boolean provision,
    boolean powerManaged,
    SlurmNodeSpec slurm,
    List<String> partitions) {}
