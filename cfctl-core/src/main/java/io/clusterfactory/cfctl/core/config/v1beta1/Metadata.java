package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public record Metadata(
    @JsonPropertyDescription("Cluster name (default k0s-cluster)") String name,
    @JsonPropertyDescription("User name in the admin kubeconfig (default admin)") String user) {}
