package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * Container registry mirrors: every image cfctl renders (its manifests, the image values it sets
 * for charts, k0s's system images) and every pull containerd makes on the hosts go through them.
 */
@JsonPropertyOrder({"mirror", "rewrites"})
public record RegistriesSpec(
    @JsonPropertyDescription(
            "One mirror for every registry, host[:port][/path] without a scheme (served over"
                + " https): the registry host of an image is replaced by it, so"
                + " quay.io/argoproj/argocd:v3.1.0 is pulled as <mirror>/argoproj/argocd:v3.1.0"
                + " and nginx:1.27 as <mirror>/library/nginx:1.27; digests and tags are kept."
                + " Also k0s's spec.images.repository, unless spec.k0s.config sets one")
        String mirror,
    @JsonPropertyDescription(
            "Per-registry mirrors: registry host[:port] -> host[:port][/path] that replaces it"
                + " (e.g. docker.io: registry.site.local/dockerhub); a registry listed here does"
                + " not go to mirror. Default: none")
        Map<String, String> rewrites) {}
