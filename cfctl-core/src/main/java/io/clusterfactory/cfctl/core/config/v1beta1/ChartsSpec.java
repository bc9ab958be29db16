package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the charts cfctl pins are read from. */
public record ChartsSpec(
    @JsonPropertyDescription(
            "One Helm repository that serves every chart cfctl pins, under its own chart name and"
                + " version (an https:// or http:// repository with an index.yaml, or an oci://"
                + " registry path): every chart Application, and hydration, read it instead of"
                + " the upstream repositories. A chart cfctl takes from Git is served as a"
                + " packaged chart (local-path: local-path-provisioner), and multus's manifest"
                + " as <mirror>/multus-cni/<version>/<file> (https:// or http:// only)")
        String mirror) {}
