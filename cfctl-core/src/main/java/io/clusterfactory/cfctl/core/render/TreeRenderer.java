package io.clusterfactory.cfctl.core.render;

import io.clusterfactory.cfctl.core.config.ChartMirror;
import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.Problems;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.patch.ObjectPatch;
import java.util.List;

/**
 * Renders the whole GitOps tree of a validated, defaulted cluster: pure (reads nothing, writes
 * nothing) and deterministic (the same input gives the same bytes).
 *
 * <p>Layout: {@code bootstrap/} (what cfctl applies itself: ArgoCD's Namespace, the root
 * Application), {@code apps/} (AppProjects, Namespaces and one Application per component, owned by
 * the root Application), {@code values/} (Helm values of chart components), {@code manifests/}
 * (plain manifests of the components cfctl renders), {@code cfctl-secrets.yaml} (the secrets to
 * seal).
 */
public final class TreeRenderer {
  private TreeRenderer() {}

  /**
   * Starts reading what every render reads first (the pins of manifests/versions.yaml) on a daemon
   * thread, so that a command which parses cluster.yaml and then renders (validate) does both at
   * once on a machine with a second core. Rendering stays pure: this only loads the shipped pins,
   * which {@link Versions#pinned()} caches.
   */
  public static void warmUp() {
    Thread warm =
        new Thread(
            () -> {
              try {
                Versions.pinned();
              } catch (RuntimeException e) {
                // the render that needs them reports the same failure, in its own words
              }
            },
            "cfctl-render-warm-up");
    warm.setDaemon(true);
    warm.start();
  }

  /** Renders the tree of a loaded config, with the inventory resolved when it was loaded. */
  public static RenderedTree render(LoadedConfig config) {
    if (config.cluster().spec().gitops() == null
        || config.cluster().spec().gitops().repository() == null) {
      throw new InvalidInputException(
          config.source() + ": nothing to render: spec.gitops.repository is not set",
          "add spec.gitops.repository with the url of the GitOps repository");
    }
    return render(config.cluster(), RenderContext.of(config));
  }

  /**
   * The URL Argo CD reads the tree from, as every rendered Application names it: {@code
   * argocd.repositoryUrl}, else {@code repository.url}; null without a GitOps repository.
   */
  public static String pullUrl(Cluster cluster) {
    GitopsSpec g = cluster.spec().gitops();
    if (g == null || g.repository() == null) {
      return null;
    }
    GitopsSpec.ArgocdSpec argo = g.argocd();
    return argo != null && argo.repositoryUrl() != null
        ? argo.repositoryUrl()
        : g.repository().url();
  }

  public static RenderedTree render(Cluster cluster, RenderContext context) {
    GitopsSpec.Repository repo = cluster.spec().gitops().repository();
    String pullUrl = pullUrl(cluster);
    ImageMirror images = ImageMirror.of(cluster.spec());
    TreeBuilder tree =
        new TreeBuilder(
            cluster.metadata().name(),
            pullUrl,
            repo.branch(),
            repo.path(),
            context.versions().through(images, ChartMirror.of(cluster.spec())),
            images);
    Facts facts = new Facts(cluster, context);
    SiteRenderer.customize(cluster, context.site(), tree);
    NetworkRenderer.render(facts, tree);
    GitopsRenderer.render(facts, tree);
    ProvisioningRenderer.render(facts, tree);
    SoftwareRenderer.render(facts, tree);
    SiteRenderer.render(cluster, context.site(), tree);
    tree.root(new Component(Stack.GITOPS, "root", TreeBuilder.ARGOCD_NAMESPACE, 0, null, false));
    RenderedTree rendered = tree.build();
    for (ObjectPatch p : tree.chartPatches()) {
      // which chart object a patch targets is known only once the chart is rendered; the logger
      // is looked up here, not in a static field, so `validate` without such patches starts no
      // logging (TopLevelCommandsTest)
      org.slf4j.LoggerFactory.getLogger(TreeRenderer.class)
          .warn(
              "Note: {}: the patch matches none of the objects cfctl renders itself ({}): it goes to"
                  + " the chart's objects, checked when the chart is hydrated (cfctl render"
                  + " --hydrate, diff, apply)",
              p.yamlPath(),
              p.describeTarget());
    }
    List<ObjectPatch> unmatched = tree.unmatchedPatches();
    if (!unmatched.isEmpty()) {
      // only rendering knows what a patch would match: reported like the load's own problems
      Problems problems = new Problems(context.sourceMap());
      for (ObjectPatch p : unmatched) {
        problems.error(
            p.yamlPath() + ".target",
            "the patch matches no object cfctl renders for this component ("
                + p.describeTarget()
                + ")",
            "check kind, name, namespace and labels against `cfctl render`");
      }
      problems.throwIfErrors(
          context.sourceMap() == null ? "cluster.yaml" : context.sourceMap().source());
    }
    return rendered;
  }
}
