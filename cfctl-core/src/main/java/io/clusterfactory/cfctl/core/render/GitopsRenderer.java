package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.util.LinkedHashMap;
import java.util.Map;

/** The GitOps stack: cert-manager, sealed-secrets, ArgoCD (and ArgoCD's bootstrap Namespace). */
final class GitopsRenderer {
  static final String ARGOCD_RELEASE = "argocd";

  /**
   * Health of child Applications, which ArgoCD no longer reports by itself: without it sync waves
   * of an app-of-apps do not wait for the previous wave to be healthy.
   */
  static final String APPLICATION_HEALTH_LUA =
      "hs = {}\n"
          + "hs.status = \"Progressing\"\n"
          + "hs.message = \"\"\n"
          + "if obj.status ~= nil and obj.status.health ~= nil then\n"
          + "  hs.status = obj.status.health.status\n"
          + "  if obj.status.health.message ~= nil then\n"
          + "    hs.message = obj.status.health.message\n"
          + "  end\n"
          + "end\n"
          + "return hs\n";

  private GitopsRenderer() {}

  static void render(Facts f, TreeBuilder tree) {
    if (f.certManager()) {
      certManager(f, tree);
    }
    if (f.sealedSecrets()) {
      Component c =
          tree.component(Stack.GITOPS, "sealed-secrets", "sealed-secrets", 0, "sealed-secrets");
      // the name kubeseal and `cfctl` look the controller up by
      tree.values(c, CanonicalYaml.map("fullnameOverride", "sealed-secrets"));
    }
    if (f.argocd()) {
      argocd(f, tree);
    }
  }

  private static void certManager(Facts f, TreeBuilder tree) {
    GitopsSpec.CertManagerSpec cm = f.gitops.certManager();
    Component c = tree.component(Stack.GITOPS, "cert-manager", "cert-manager", 0, "cert-manager");
    tree.values(c, CanonicalYaml.map("crds", CanonicalYaml.map("enabled", true)));
    if (cm.ca() == null) {
      tree.manifest(c, "issuers.yaml", Templates.one("gitops/cert-manager/selfsigned-issuer.yaml"));
      ObjectNode root = Templates.one("gitops/cert-manager/root-ca.yaml");
      Templates.set(root, "/spec/commonName", f.cluster.metadata().name() + " root CA");
      tree.manifest(c, "issuers.yaml", root);
    } else {
      Map<String, String> data = new LinkedHashMap<>();
      data.put(
          "tls.crt", tree.input("spec.gitops.certManager.ca.certificate", cm.ca().certificate()));
      data.put("tls.key", tree.input("spec.gitops.certManager.ca.key", cm.ca().key()));
      tree.secret(c, "cfctl-root-ca", "kubernetes.io/tls", null, data);
    }
    tree.manifest(c, "issuers.yaml", Templates.one("gitops/cert-manager/ca-issuer.yaml"));
    if (cm.acme() != null) {
      ObjectNode acme = Templates.one("gitops/cert-manager/acme-issuer.yaml");
      Templates.set(acme, "/spec/acme/email", cm.acme().email());
      Templates.set(acme, "/spec/acme/server", cm.acme().server());
      tree.manifest(c, "issuers.yaml", acme);
    }
  }

  private static void argocd(Facts f, TreeBuilder tree) {
    GitopsSpec.ArgocdSpec argo = f.gitops.argocd();
    Component c =
        tree.component(Stack.GITOPS, ARGOCD_RELEASE, TreeBuilder.ARGOCD_NAMESPACE, 1, "argocd");
    ObjectNode values =
        CanonicalYaml.map(
            "dex", CanonicalYaml.map("enabled", false),
            "configs",
                CanonicalYaml.map(
                    // TLS ends at Traefik
                    "params", CanonicalYaml.map("server.insecure", true),
                    "cm",
                        CanonicalYaml.map(
                            // annotation tracking: adopting the bootstrap release changes no label
                            "application.resourceTrackingMethod",
                            "annotation",
                            "resource.customizations.health.argoproj.io_Application",
                            APPLICATION_HEALTH_LUA)));
    if (argo.host() != null) {
      values.set("global", CanonicalYaml.map("domain", argo.host()));
      if (f.traefik()) {
        ObjectNode ingress = CanonicalYaml.map("enabled", true, "ingressClassName", "traefik");
        if (f.ingressIssuer() != null) {
          ingress.put("tls", true);
          ingress.set(
              "annotations",
              CanonicalYaml.map("cert-manager.io/cluster-issuer", f.ingressIssuer()));
        }
        values.set("server", CanonicalYaml.map("ingress", ingress));
      }
    }
    tree.values(c, values);
    if (argo.credentials() != null) {
      GitopsSpec.RepositoryCredentials cred = argo.credentials();
      Map<String, String> data = new LinkedHashMap<>();
      data.put("type", "git");
      data.put("url", argo.repositoryUrl());
      if (cred.sshPrivateKey() != null) {
        data.put(
            "sshPrivateKey",
            tree.input("spec.gitops.argocd.credentials.sshPrivateKey", cred.sshPrivateKey()));
      }
      if (cred.password() != null) {
        data.put("username", cred.username());
        data.put(
            "password", tree.input("spec.gitops.argocd.credentials.password", cred.password()));
      }
      tree.secret(
          c,
          "cfctl-repository",
          "Opaque",
          Map.of("argocd.argoproj.io/secret-type", "repository"),
          data);
    }
    bootstrap(c, tree);
  }

  /**
   * The Namespace cfctl applies itself before ArgoCD exists; ArgoCD's own objects come from the
   * hydrated chart of the {@code gitops-argocd} Application (docs/bootstrap.md).
   */
  private static void bootstrap(Component c, TreeBuilder tree) {
    ObjectNode ns =
        CanonicalYaml.map(
            "apiVersion",
            "v1",
            "kind",
            "Namespace",
            "metadata",
            CanonicalYaml.map("name", c.namespace()));
    tree.bootstrap(c, "argocd.yaml", ns);
  }
}
