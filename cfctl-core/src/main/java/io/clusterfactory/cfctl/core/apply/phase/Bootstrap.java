package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.DeliveredObjects;
import io.clusterfactory.cfctl.core.apply.RepositoryCredentials;
import io.clusterfactory.cfctl.core.apply.StackDelivery;
import io.clusterfactory.cfctl.core.apply.StacksStatus;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts ArgoCD on a cluster that has none (docs/bootstrap.md), as its own ApplySet that is never
 * pruned, and waits for it; skipped once ArgoCD manages itself. Whether it does is read from the
 * API: an answer that cannot be read fails the run, it is never taken for "no ArgoCD yet".
 */
public final class Bootstrap implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(Bootstrap.class);

  @Override
  public String title() {
    return "Bootstrap ArgoCD";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.includes(ApplyPart.STACKS)
        && ctx.rendered()
        && (ctx.client() != null || ctx.clusterMissing() != null)
        && !objects(ctx).isEmpty();
  }

  @Override
  public void run(ClusterContext ctx) {
    List<GenericKubernetesResource> objects = objects(ctx);
    if (ctx.client() != null && argocdManagesItself(ctx)) {
      logger.info("    ArgoCD already manages itself, nothing to do");
      return;
    }
    logger.info("    {} objects", objects.size());
    StackDelivery.deliver(ctx, DeliveredObjects.BOOTSTRAP, objects, false);
    StackDelivery.await(ctx, objects);
  }

  private static List<GenericKubernetesResource> objects(ClusterContext ctx) {
    List<GenericKubernetesResource> bootstrap =
        new ArrayList<>(DeliveredObjects.of(ctx.tree(), Delivery.BOOTSTRAP, null));
    RepositoryCredentials.secret(ctx.tree(), ctx.config().baseDir()).ifPresent(bootstrap::add);
    return bootstrap;
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
                        .inNamespace("argocd")
                        .withName("gitops-argocd")
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
