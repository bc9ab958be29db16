package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A set of the site's own manifests (YAML files and folders beside cluster.yaml), committed into
 * the tree under manifests/<stack>/<name>/ and synced by an Application of their own at the chosen
 * wave.
 */
@JsonPropertyOrder({"name", "stack", "wave", "namespace", "paths", "patches"})
public record ManifestsSpec(
    @JsonPropertyDescription(
            "Name (a Kubernetes name); the Application is <stack>-<name>, like cfctl's own")
        String name,
    @JsonPropertyDescription("Stack it belongs to: network | gitops | provisioning | software")
        String stack,
    @JsonPropertyDescription(
            "Sync wave inside the stack's band of ten, 0-9 (default 5: after cfctl's components)")
        Integer wave,
    @JsonPropertyDescription(
            "Namespace of its namespaced objects that name none (default: name); cfctl creates it")
        String namespace,
    @JsonPropertyDescription(
            "YAML files and folders (their *.yaml and *.yml files, not recursing), relative to"
                + " cluster.yaml")
        List<String> paths,
    @JsonPropertyDescription("Patches over these objects") List<Patch> patches) {}
