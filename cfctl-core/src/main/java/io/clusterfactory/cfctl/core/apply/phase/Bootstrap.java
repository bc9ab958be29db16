package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.BootstrapLeftovers;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.DeliveredObjects;
import io.clusterfactory.cfctl.core.apply.RepositoryCredentials;
import io.clusterfactory.cfctl.core.apply.StackDelivery;
import io.clusterfactory.cfctl.core.apply.StacksStatus;
import io.clusterfactory.cfctl.core.kube.ArgoTracking;
import io.clusterfactory.cfctl.core.kube.StackProgress;
import io.clusterfactory.cfctl.core.kube.WaitListener;
import io.clusterfactory.cfctl.core.kube.WaitTarget;
import io.clusterfactory.cfctl.core.kube.Waiter;
import io.clusterfactory.cfctl.core.kube.health.KStatus;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts ArgoCD on a cluster that has none (docs/bootstrap.md): its Namespace, the objects Helm
 * rendered for the {@code gitops-argocd} Application (the same chart, version, release and values
 * ArgoCD then syncs), with ArgoCD's own tracking annotation so that ArgoCD adopts them unchanged,
 * and the repository Secret, applied server-side as their own ApplySet that is never pruned. CRDs
 * go first and are waited for until Established, even with {@code --no-wait}, so the Applications
 * that follow can be created; then ArgoCD itself is waited for. Skipped once ArgoCD manages itself.
 * Whether it does is read from the API: an answer that cannot be read fails the run, it is never
 * taken for "no ArgoCD yet". Whatever an older cfctl's bootstrap Job left behind is deleted.
 */
public final class Bootstrap implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(Bootstrap.class);

  @Override
  public String title() {
    return "Bootstrap ArgoCD";
  }

  /** The Application whose chart is ArgoCD, and its namespace. */
  public static final String ARGOCD_APPLICATION = "gitops-argocd";

  public static final String ARGOCD_NAMESPACE = "argocd";

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.includes(ApplyPart.STACKS)
        && ctx.rendered()
        && (ctx.client() != null || ctx.clusterMissing() != null)
        && needsBootstrap(ctx);
  }

  @Override
  public void run(ClusterContext ctx) {
    if (ctx.client() != null && argocdManagesItself(ctx)) {
      logger.info("    ArgoCD already manages itself, nothing to install");
      BootstrapLeftovers.remove(ctx);
      return;
    }
    List<GenericKubernetesResource> objects = objects(ctx);
    logger.info("    {} objects", objects.size());
    StackDelivery.deliver(ctx, DeliveredObjects.BOOTSTRAP, objects, false);
    awaitCrds(ctx, objects);
    BootstrapLeftovers.remove(ctx);
    StackDelivery.await(ctx, objects);
  }

  /** Whether the tree installs ArgoCD itself (it has spec.gitops.argocd). */
  public static boolean needsBootstrap(ClusterContext ctx) {
    return !DeliveredObjects.of(ctx.tree(), Delivery.BOOTSTRAP, null).isEmpty();
  }

  /**
   * The Namespace, ArgoCD's hydrated objects with ArgoCD's tracking, the repository Secret. Without
   * a hydrated chart (diff with hydration off) only the Namespace and the Secret: {@link
   * CheckBootstrap} refuses an apply that would need the chart and has none.
   */
  static List<GenericKubernetesResource> objects(ClusterContext ctx) {
    List<GenericKubernetesResource> bootstrap =
        new ArrayList<>(DeliveredObjects.of(ctx.tree(), Delivery.BOOTSTRAP, null));
    var chart = ctx.hydrated().application(ARGOCD_APPLICATION);
    if (chart.isPresent()) {
      List<GenericKubernetesResource> rendered =
          chart.get().objects().stream()
              .map(
                  o ->
                      Serialization.jsonMapper()
                          .convertValue(o.body(), GenericKubernetesResource.class))
              .toList();
      java.util.Set<String> seen = new java.util.HashSet<>();
      bootstrap.forEach(o -> seen.add(ObjectRef.of(o).identity()));
      for (GenericKubernetesResource o :
          DeliveredObjects.bootstrap(
              ArgoTracking.tracked(
                  chart.get().application(),
                  chart.get().namespace().isEmpty() ? ARGOCD_NAMESPACE : chart.get().namespace(),
                  rendered),
              "argocd")) {
        // a chart that renders its own Namespace: the tree's one is applied once
        if (seen.add(ObjectRef.of(o).identity())) {
          bootstrap.add(o);
        }
      }
    }
    RepositoryCredentials.secret(ctx.tree(), ctx.config().baseDir()).ifPresent(bootstrap::add);
    return bootstrap;
  }

  /**
   * Waits, within the run's deadline, until the CRDs just applied are Established: the Applications
   * applied next cannot be created before their kind is served. Done with {@code --no-wait} too;
   * not in a dry run or diff (nothing was applied).
   */
  private static void awaitCrds(ClusterContext ctx, List<GenericKubernetesResource> objects) {
    if (ctx.dryRun() || ctx.client() == null) {
      return;
    }
    List<GenericKubernetesResource> crds =
        objects.stream()
            .filter(
                o ->
                    "CustomResourceDefinition".equals(o.getKind())
                        && o.getApiVersion().startsWith("apiextensions.k8s.io/"))
            .toList();
    if (crds.isEmpty()) {
      return;
    }
    new Waiter(
            ctx.client(),
            ctx.calls(),
            new KStatus(ctx.revision() == null ? "" : ctx.revision()),
            Duration.ofMillis(500))
        .waitForStacks(
            WaitTarget.of(crds),
            new WaitListener() {
              @Override
              public void onProgress(StackProgress p) {
                logger.debug("    CRDs: {}/{} Established", p.ready(), p.total());
              }

              @Override
              public void onStackReady(String stack) {
                logger.info("    {} CRDs Established", crds.size());
              }
            });
  }

  /** Whether the gitops-argocd Application exists and is healthy: the bootstrap is done. */
  static boolean argocdManagesItself(ClusterContext ctx) {
    GenericKubernetesResource app =
        ctx.calls()
            .call(
                "reading Application argocd/gitops-argocd",
                () -> {
                  try {
                    // an explicit definition: no discovery, so a kind not served is a plain 404
                    return ctx.client()
                        .genericKubernetesResources(StacksStatus.APPLICATION)
                        .inNamespace(ARGOCD_NAMESPACE)
                        .withName(ARGOCD_APPLICATION)
                        .get();
                  } catch (KubernetesClientException e) {
                    if (e.getCode() == 404) {
                      return null; // ArgoCD's kinds are not served: not installed yet
                    }
                    throw e;
                  }
                });
    if (app == null) {
      return false;
    }
    Object status = app.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> s)) {
      return false;
    }
    Object health = s.get("health");
    return health instanceof Map<?, ?> h && "Healthy".equals(h.get("status"));
  }
}
