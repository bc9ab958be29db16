package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The one document of cluster.yaml. */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public record Cluster(
    @JsonPropertyDescription(
            "cfctl.clusterfactory.io/v1beta1 (k0sctl.k0sproject.io/v1beta1 is accepted too)")
        String apiVersion,
    @JsonPropertyDescription("Cluster") String kind,
    @JsonPropertyDescription("Names the cluster; used for the kubeconfig context and the Git tree")
        Metadata metadata,
    @JsonPropertyDescription("Hosts, k0s and the stacks") ClusterSpec spec) {

  public static final String API_VERSION = "cfctl.clusterfactory.io/v1beta1";
  public static final String K0SCTL_API_VERSION = "k0sctl.k0sproject.io/v1beta1";

  public Cluster withSpec(ClusterSpec newSpec) {
    return new Cluster(apiVersion, kind, metadata, newSpec);
  }
}
