package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

public record K0sSpec(
    @JsonPropertyDescription(
            "k0s version, e.g. v1.31.2+k0s.0 (default: the version the cluster runs, else the newest release of versionChannel; pin it for repeatable applies)")
        String version,
    @JsonPropertyDescription("stable | latest") String versionChannel,
    @JsonPropertyDescription(
            "Install controllers with --enable-dynamic-config; later changes outside spec.api,"
                + " spec.network and spec.storage of config are refused")
        Boolean dynamicConfig,
    @JsonPropertyDescription("A k0s ClusterConfig (apiVersion k0s.k0sproject.io/v1beta1)")
        Map<String, Object> config) {

  public K0sSpec withConfig(Map<String, Object> newConfig) {
    return new K0sSpec(version, versionChannel, dynamicConfig, newConfig);
  }

  /**
   * The Kubernetes version the pinned k0s ships, which chart templates see ({@code v1.33.4+k0s.0}
   * is Kubernetes {@code v1.33.4}); null when k0s is not pinned.
   */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String kubernetesVersion() {
    if (version == null || version.isBlank()) {
      return null;
    }
    int plus = version.indexOf('+');
    return plus < 0 ? version : version.substring(0, plus);
  }

  public K0sSpec withVersion(String newVersion) {
    return new K0sSpec(newVersion, versionChannel, dynamicConfig, config);
  }
}
