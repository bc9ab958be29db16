package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The network stack. A component is deployed when its block is present and its {@code enabled} is
 * not false. The domain is written here once; ingress hosts, the LDAP suffix, node FQDNs and the
 * CoreDNS zone derive from it.
 */
public record NetworkSpec(
    @JsonPropertyDescription(
            "DNS domain of the cluster, e.g. hpc.example.com; service hosts (argocd.<domain>), the"
                + " CoreDNS zone, node FQDNs and the LDAP suffix derive from it")
        String domain,
    @JsonPropertyDescription("Cluster-facing DNS server for the domain (CoreDNS)")
        CorednsSpec coredns,
    @JsonPropertyDescription("LoadBalancer IPs for Services: address pools and announcement")
        MetallbSpec metallb,
    @JsonPropertyDescription("Ingress controller and the main entry point (Traefik)")
        TraefikSpec traefik,
    @JsonPropertyDescription("Secondary pod networks on host interfaces (Multus + IPVLAN)")
        MultusSpec multus) {

  /** How a component's DNS server is reached from outside the cluster. */
  public enum DnsExpose {
    @JsonProperty("loadBalancer")
    LOAD_BALANCER,
    @JsonProperty("traefik")
    TRAEFIK
  }

  public record CorednsSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription(
              "LoadBalancer IP of the DNS service; default: the next free address of the first"
                  + " MetalLB pool")
          String address,
      @JsonPropertyDescription(
              "loadBalancer (own LoadBalancer IP, default) | traefik (dns-tcp/dns-udp entrypoints"
                  + " of Traefik)")
          DnsExpose expose,
      @JsonPropertyDescription("Upstream resolvers for names outside the domain (default 1.1.1.1)")
          List<String> forwarders,
      @JsonPropertyDescription("Extra A records of the zone, e.g. {name: nas, address: 10.0.0.5}")
          List<DnsRecord> records,
      @JsonPropertyDescription("Replicas of the DNS server (default 2)") Integer replicas,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements Customizable {}

  public record DnsRecord(
      @JsonPropertyDescription("Name relative to the domain, e.g. nas") String name,
      @JsonPropertyDescription("IPv4 address") String address) {}

  /** MetalLB announcement mode. */
  public enum MetallbMode {
    @JsonProperty("l2")
    L2,
    @JsonProperty("bgp")
    BGP
  }

  public record MetallbSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription("l2 (default) | bgp") MetallbMode mode,
      @JsonPropertyDescription("Address pools; LoadBalancer IPs must sit in one of them")
          List<Pool> pools,
      @JsonPropertyDescription("Host interfaces L2 announcements are limited to (default all)")
          List<String> interfaces,
      @JsonPropertyDescription("BGP settings (mode bgp)") Bgp bgp,
      @JsonPropertyDescription(ChartCustomizable.VALUES_DOC) java.util.Map<String, Object> values,
      @JsonPropertyDescription(ChartCustomizable.VALUES_FILES_DOC)
          java.util.List<String> valuesFiles,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements ChartCustomizable {}

  public record Pool(
      @JsonPropertyDescription("Pool name (a Kubernetes name)") String name,
      @JsonPropertyDescription(
              "Address ranges: CIDR (10.0.0.64/28) or first-last (10.0.0.100-10.0.0.120)")
          List<String> addresses,
      @JsonPropertyDescription(
              "Let MetalLB hand out addresses of this pool to any LoadBalancer (default true)")
          Boolean autoAssign) {}

  public record Bgp(
      @JsonPropertyDescription("The cluster's AS number") Long myAsn,
      @JsonPropertyDescription("Routers to peer with") List<BgpPeer> peers) {}

  public record BgpPeer(
      @JsonPropertyDescription("Peer name (default peer-<index>)") String name,
      @JsonPropertyDescription("Router address") String address,
      @JsonPropertyDescription("Router AS number") Long asn) {}

  public record TraefikSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription(
              "LoadBalancer IP of Traefik; every ingress host resolves to it. Default: the next"
                  + " free address of the first MetalLB pool")
          String address,
      @JsonPropertyDescription("Replicas (default 2)") Integer replicas,
      @JsonPropertyDescription(ChartCustomizable.VALUES_DOC) java.util.Map<String, Object> values,
      @JsonPropertyDescription(ChartCustomizable.VALUES_FILES_DOC)
          java.util.List<String> valuesFiles,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements ChartCustomizable {}

  public record MultusSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription("Host networks pods can join with an IPVLAN interface")
          List<Attachment> attachments,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements Customizable {}

  /** IPVLAN mode of an attachment. */
  public enum IpvlanMode {
    @JsonProperty("l2")
    L2,
    @JsonProperty("l3")
    L3,
    @JsonProperty("l3s")
    L3S
  }

  public record Attachment(
      @JsonPropertyDescription("Attachment name (a Kubernetes name), e.g. provisioning")
          String name,
      @JsonPropertyDescription("Host interface the IPVLAN sits on, e.g. eth1") String master,
      @JsonPropertyDescription("IPVLAN mode: l2 (default) | l3 | l3s") IpvlanMode mode,
      @JsonPropertyDescription(
              "Subnet of the host network in CIDR form; pod addresses on it must be inside")
          String subnet,
      @JsonPropertyDescription("Gateway of the subnet, if pods route through it") String gateway) {}
}
