package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The GitOps stack: where the rendered tree goes, and ArgoCD, cert-manager, sealed-secrets. */
public record GitopsSpec(
    @JsonPropertyDescription("The Git repository cfctl commits the rendered tree to")
        Repository repository) {

  public record Repository(
      @JsonPropertyDescription("file:///srv/gitops.git, ssh://git@host/org/infra.git, https://...")
          String url,
      @JsonPropertyDescription("Branch (default main)") String branch,
      @JsonPropertyDescription(
              "Folder inside the repository that cfctl owns (default clusters/<name>)")
          String path) {}
}
