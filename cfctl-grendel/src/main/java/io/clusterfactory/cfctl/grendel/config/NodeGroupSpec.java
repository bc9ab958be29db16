package io.clusterfactory.cfctl.grendel.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** Nodes that share an image, addressing rule and SLURM shape, selected by a nodeset. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeGroupSpec(
    @JsonProperty("name")
        @JsonPropertyDescription("Optional label for messages and plans, e.g. compute.")
        String name,
    @JsonProperty("nodes")
        @JsonPropertyDescription(
            "Nodeset of the group's nodes, ClusterShell syntax, e.g. cn[001-128] or"
                + " r[1-2]n[01-04]. IPs are assigned in nodeset order.")
        String nodes,
    @JsonProperty("image")
        @JsonPropertyDescription("Name of the boot image (images[].name) the nodes netboot.")
        String image,
    @JsonProperty("firmware")
        @JsonPropertyDescription(
            "iPXE firmware override, e.g. snponly-x86_64.efi for UEFI. Accepted names depend on"
                + " apiGeneration; unset lets Grendel detect it.")
        String firmware,
    @JsonProperty("tags")
        @JsonPropertyDescription("Grendel tags of the nodes, e.g. [compute, \"rack:a1\"].")
        List<String> tags,
    @JsonProperty("ipStart")
        @JsonPropertyDescription(
            "First IP of the group on the provisioning subnet; node k in nodeset order gets"
                + " ipStart + k. Exclusive with ips.")
        String ipStart,
    @JsonProperty("ips")
        @JsonPropertyDescription(
            "IP of every node by name, e.g. {cn001: 192.168.0.11}. Exclusive with ipStart.")
        Map<String, String> ips,
    @JsonProperty("bmcStart")
        @JsonPropertyDescription(
            "First BMC IP of the group; node k gets bmcStart + k. Exclusive with bmcIps.")
        String bmcStart,
    @JsonProperty("bmcIps")
        @JsonPropertyDescription("BMC IP of every node by name. Exclusive with bmcStart.")
        Map<String, String> bmcIps,
    @JsonProperty("bmc")
        @JsonPropertyDescription(
            "BMC credentials (environment variable names). Set it to power-manage the group;"
                + " then every node needs a BMC IP.")
        BmcCredentialsSpec bmc,
    @JsonProperty("provision")
        @JsonPropertyDescription(
            "Whether the nodes may netboot (Grendel's provision flag). Diskless nodes keep it"
                + " true (default true).")
        Boolean provision,
    @JsonProperty("slurm")
        @JsonPropertyDescription(
            "SLURM NodeName attributes; unset keeps the group out of slurm.conf.")
        SlurmNodeSpec slurm,
    @JsonProperty("partitions")
        @JsonPropertyDescription("SLURM partitions the nodes belong to, e.g. [batch, gpu].")
        List<String> partitions) {}
