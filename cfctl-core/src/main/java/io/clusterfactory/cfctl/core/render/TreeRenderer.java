package io.clusterfactory.cfctl.core.render;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;

/**
 * Renders the whole GitOps tree of a validated, defaulted cluster: pure (reads nothing, writes
 * nothing) and deterministic (the same input gives the same bytes).
 *
 * <p>Layout: {@code bootstrap/} (what cfctl applies itself: the ArgoCD install job, the root
 * Application), {@code apps/} (AppProjects, Namespaces and one Application per component, owned by
 * the root Application), {@code values/} (Helm values of chart components), {@code manifests/}
 * (plain manifests of the components cfctl renders), {@code cfctl-secrets.yaml} (the secrets to
 * seal).
 */
public final class TreeRenderer {
  private TreeRenderer() {}

  public static RenderedTree render(Cluster cluster, RenderContext context) {
    GitopsSpec.Repository repo = cluster.spec().gitops().repository();
    GitopsSpec.ArgocdSpec argo = cluster.spec().gitops().argocd();
    String pullUrl =
        argo != null && argo.repositoryUrl() != null ? argo.repositoryUrl() : repo.url();
    TreeBuilder tree =
        new TreeBuilder(
            cluster.metadata().name(), pullUrl, repo.branch(), repo.path(), context.versions());
    Facts facts = new Facts(cluster, context);
    NetworkRenderer.render(facts, tree);
    GitopsRenderer.render(facts, tree);
    ProvisioningRenderer.render(facts, tree);
    SoftwareRenderer.render(facts, tree);
    tree.root(new Component(Stack.GITOPS, "root", TreeBuilder.ARGOCD_NAMESPACE, 0, null, false));
    return tree.build();
  }
}
