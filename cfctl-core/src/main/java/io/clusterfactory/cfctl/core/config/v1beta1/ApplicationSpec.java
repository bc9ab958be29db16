package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One of the site's own Argo CD Applications, rendered into the same app-of-apps as cfctl's
 * components: a Helm chart of a chart repository, or a path of a Git repository (a kustomization or
 * a plain folder of manifests).
 */
@JsonPropertyOrder({
  "name",
  "stack",
  "wave",
  "namespace",
  "repoURL",
  "chart",
  "path",
  "targetRevision",
  "values",
  "valuesFiles",
  "recurse"
})
public record ApplicationSpec(
    @JsonPropertyDescription(
            "Name (a Kubernetes name); the Application is <stack>-<name>, like cfctl's own")
        String name,
    @JsonPropertyDescription("Stack it belongs to: network | gitops | provisioning | software")
        String stack,
    @JsonPropertyDescription(
            "Sync wave inside the stack's band of ten, 0-9 (default 5: after cfctl's components)")
        Integer wave,
    @JsonPropertyDescription("Namespace it deploys to (default: name); cfctl creates it")
        String namespace,
    @JsonPropertyDescription("Helm chart repository or Git repository URL") @JsonProperty("repoURL")
        String repoURL,
    @JsonPropertyDescription("Helm chart name (a chart repository); give chart or path")
        String chart,
    @JsonPropertyDescription(
            "Folder of the Git repository: a kustomization, or plain manifests; give chart or"
                + " path")
        String path,
    @JsonPropertyDescription("Chart version, or Git branch, tag or commit (required)")
        String targetRevision,
    @JsonPropertyDescription("Helm values (chart only), written to values/<stack>/<name>.yaml")
        Map<String, Object> values,
    @JsonPropertyDescription(
            "Helm value files beside cluster.yaml (chart only), committed into the tree and"
                + " listed after values; later files win")
        List<String> valuesFiles,
    @JsonPropertyDescription("Read the plain folder's subfolders too (path only; default false)")
        Boolean recurse) {}
