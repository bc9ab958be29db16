package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The GitOps stack: where the rendered tree goes, and ArgoCD, cert-manager, sealed-secrets. */
public record GitopsSpec(
    @JsonPropertyDescription("The Git repository cfctl commits the rendered tree to")
        Repository repository,
    @JsonPropertyDescription("ArgoCD, which syncs the tree (and manages itself after bootstrap)")
        ArgocdSpec argocd,
    @JsonPropertyDescription("cert-manager and the cluster's certificate issuers")
        CertManagerSpec certManager,
    @JsonPropertyDescription("The sealed-secrets controller; its private key stays in the cluster")
        SealedSecretsSpec sealedSecrets) {

  public record Repository(
      @JsonPropertyDescription(
              "Required. file:///srv/gitops.git, ssh://git@host/org/infra.git (port:"
                  + " ssh://git@host:2222/org/infra.git), the scp form git@host:org/infra.git,"
                  + " https://...")
          String url,
      @JsonPropertyDescription("Branch (default main)") String branch,
      @JsonPropertyDescription(
              "Folder inside the repository that cfctl owns (default clusters/<name>): relative"
                  + " and normalised (no leading /, no .. or . segments)")
          String path) {}

  public record ArgocdSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription(
              "URL ArgoCD pulls the tree from, when it differs from repository.url (e.g. cfctl"
                  + " pushes over file:// and the cluster reads over ssh://). Default:"
                  + " repository.url")
          String repositoryUrl,
      @JsonPropertyDescription("Host of the ArgoCD UI (default argocd.<domain>)") String host,
      @JsonPropertyDescription(
              "Credentials ArgoCD reads the repository with; omit for a public repository")
          RepositoryCredentials credentials,
      @JsonPropertyDescription(ChartCustomizable.VALUES_DOC) java.util.Map<String, Object> values,
      @JsonPropertyDescription(ChartCustomizable.VALUES_FILES_DOC)
          java.util.List<String> valuesFiles,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements ChartCustomizable {}

  public record RepositoryCredentials(
      @JsonPropertyDescription("SSH private key (for ssh:// URLs)") SecretSource sshPrivateKey,
      @JsonPropertyDescription("User name (for https:// URLs)") String username,
      @JsonPropertyDescription("Password or token (for https:// URLs)") SecretSource password) {}

  /** Which issuer signs the certificates of ingress hosts. */
  public enum IssuerKind {
    @JsonProperty("ca")
    CA,
    @JsonProperty("acme")
    ACME
  }

  public record CertManagerSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription(
              "Issuer of ingress certificates: ca (the cluster's private CA, default) | acme")
          IssuerKind issuer,
      @JsonPropertyDescription(
              "Bring your own private CA; default: a CA bootstrapped by a self-signed issuer")
          CaSpec ca,
      @JsonPropertyDescription("ACME account (issuer: acme)") AcmeSpec acme,
      @JsonPropertyDescription(ChartCustomizable.VALUES_DOC) java.util.Map<String, Object> values,
      @JsonPropertyDescription(ChartCustomizable.VALUES_FILES_DOC)
          java.util.List<String> valuesFiles,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements ChartCustomizable {}

  public record CaSpec(
      @JsonPropertyDescription("PEM certificate of the CA") SecretSource certificate,
      @JsonPropertyDescription("PEM private key of the CA") SecretSource key) {}

  public record AcmeSpec(
      @JsonPropertyDescription("Account e-mail") String email,
      @JsonPropertyDescription(
              "Directory URL (default https://acme-v02.api.letsencrypt.org/directory)")
          String server) {}

  public record SealedSecretsSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription(
              "Public sealing certificate (PEM, local file relative to cluster.yaml) for offline"
                  + " sealing; fetched from the controller when absent")
          @JsonProperty("certificate")
          String certificate,
      @JsonPropertyDescription(ChartCustomizable.VALUES_DOC) java.util.Map<String, Object> values,
      @JsonPropertyDescription(ChartCustomizable.VALUES_FILES_DOC)
          java.util.List<String> valuesFiles,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements ChartCustomizable {}
}
