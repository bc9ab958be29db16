package io.clusterfactory.cfctl.grendel.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two incompatible Grendel REST API generations. {@code legacy} is ubccr/grendel up to v0.0.15
 * and the SquareFactory fork that ClusterFactory deploys ({@code /v1/host}, {@code /v1/bootimage},
 * no auth); {@code v0.2} is upstream v0.2.0 and later ({@code /v1/nodes}, {@code /v1/images}, JWT
 * bearer token, Redfish power through {@code /v1/bmc}).
 */
public enum ApiGeneration {
  @JsonProperty("legacy")
  LEGACY(
      "legacy",
      List.of(
          "ipxe.pxe",
          "ipxe-i386.efi",
          "ipxe-x86_64.efi",
          "snponly-x86_64.efi",
          "undionly.kpxe",
          "ipxe-arm64.efi")),
  @JsonProperty("v0.2")
  V0_2(
      "v0.2",
      List.of(
          "ipxe.pxe",
          "ipxe-i386.efi",
          "ipxe-x86_64.efi",
          "snponly-x86_64.efi",
          "snponly-arm64.efi",
          "undionly.kpxe"));

  private final String id;
  private final List<String> firmwares;

  ApiGeneration(String id, List<String> firmwares) {
    this.id = id;
    this.firmwares = firmwares;
  }

  /** The spelling used in cluster.yaml. */
  public String id() {
    return id;
  }

  /** iPXE firmware names this generation accepts in a host's {@code firmware} field. */
  public List<String> firmwares() {
    return firmwares;
  }

  /** True when this generation exposes power control over its REST API. */
  public boolean hasPowerApi() {
    return this == V0_2;
  }

  /** The generation spelled {@code id} in cluster.yaml; IllegalArgumentException otherwise. */
  public static ApiGeneration fromId(String id) {
    for (ApiGeneration generation : values()) {
      if (generation.id.equals(id)) {
        return generation;
      }
    }
    throw new IllegalArgumentException(
        "unknown Grendel API generation \""
            + id
            + "\"; use one of "
            + Arrays.stream(values()).map(ApiGeneration::id).collect(Collectors.joining(", ")));
  }
}
