package io.clusterfactory.cfctl.grendel.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The {@code provisioning.grendel} block of cluster.yaml: the Grendel server, its boot images and
 * the compute node inventory. Unset fields take the values of {@link GrendelDefaults}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrendelSpec(
    @JsonProperty("nodeName")
        @JsonPropertyDescription(
            "Kubernetes node that owns the provisioning NIC; Grendel is pinned to it.")
        String nodeName,
    @JsonProperty("interface")
        @JsonPropertyDescription(
            "NIC of nodeName on the provisioning network (ipvlan master), e.g. eth1.")
        String networkInterface,
    @JsonProperty("address")
        @JsonPropertyDescription(
            "Grendel's own IP on the provisioning network in CIDR form, e.g. 192.168.0.3/24.")
        String address,
    @JsonProperty("subnet")
        @JsonPropertyDescription(
            "Provisioning subnet in CIDR form; default: the network of address. Node IPs must be"
                + " inside it.")
        String subnet,
    @JsonProperty("bmcSubnet")
        @JsonPropertyDescription(
            "Subnet of the BMC addresses when they are not on the provisioning subnet, CIDR form;"
                + " default: subnet.")
        String bmcSubnet,
    @JsonProperty("gateway")
        @JsonPropertyDescription("Default gateway handed to nodes by Grendel's DHCP.")
        String gateway,
    @JsonProperty("dnsServers")
        @JsonPropertyDescription("DNS servers handed to nodes by Grendel's DHCP.")
        List<String> dnsServers,
    @JsonProperty("domain")
        @JsonPropertyDescription(
            "DNS domain of the nodes: node cn001 gets the FQDN cn001.<domain>, its BMC"
                + " cn001-bmc.<domain>.")
        String domain,
    @JsonProperty("apiGeneration")
        @JsonPropertyDescription(
            "Grendel API generation: legacy (ClusterFactory's SquareFactory fork, ubccr <= v0.0.15)"
                + " or v0.2 (upstream v0.2 and later). Default legacy.")
        ApiGeneration apiGeneration,
    @JsonProperty("api")
        @JsonPropertyDescription("How cfctl reaches the running Grendel API for live sync.")
        GrendelApiSpec api,
    @JsonProperty("storage")
        @JsonPropertyDescription("Volume for kernels, initrds and live images.")
        GrendelStorageSpec storage,
    @JsonProperty("images") @JsonPropertyDescription("Boot images.") List<BootImageSpec> images,
    @JsonProperty("groups")
        @JsonPropertyDescription("Node groups; every node belongs to exactly one group.")
        List<NodeGroupSpec> groups,
    @JsonProperty("inventory")
        @JsonPropertyDescription(
            "CSV file of MAC addresses, relative to the folder of cluster.yaml. Lines:"
                + " name,mac[,bmc_mac]; an optional header line and # comments are allowed.")
        String inventory,
    @JsonProperty("defaultPartition")
        @JsonPropertyDescription(
            "SLURM partition marked Default=YES; default: the first partition named by a group.")
        String defaultPartition) {}
