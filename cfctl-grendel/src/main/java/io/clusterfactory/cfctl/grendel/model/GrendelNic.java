package io.clusterfactory.cfctl.grendel.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A host network interface as Grendel stores it; {@code ip} is CIDR ({@code 10.0.0.5/24}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"mac", "ip", "fqdn", "bmc", "ifname", "vlan", "mtu"})
public record GrendelNic(
    @JsonProperty("mac") String mac,
    @JsonProperty("ip") String ip,
    @JsonProperty("fqdn") String fqdn,
    @JsonProperty("bmc") Boolean bmc,
    @JsonProperty("ifname") String ifname,
    @JsonProperty("vlan") String vlan,
    @JsonProperty("mtu") Integer mtu) {

  public boolean isBmc() {
    return Boolean.TRUE.equals(bmc);
  }
}
