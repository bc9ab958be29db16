package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.diff.LiveObjectDiffer;
import io.clusterfactory.cfctl.core.kube.Manifests;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What cfctl versions that installed ArgoCD with an in-cluster Helm Job left on the cluster: the
 * Job ({@code cfctl-bootstrap-argocd-<hash>}), its values ConfigMap, its ServiceAccount and its
 * cluster-admin ClusterRoleBinding. No Application owns them, so ArgoCD never prunes them; the
 * Bootstrap phase deletes them through the guard (a dry run lists the deletions, a diff shows
 * them).
 */
public final class BootstrapLeftovers {
  private static final Logger logger = LoggerFactory.getLogger(BootstrapLeftovers.class);

  static final String NAMESPACE = "argocd";
  static final String JOB_PREFIX = "cfctl-bootstrap-argocd-";
  static final String BINDING = "cfctl-bootstrap-argocd";
  static final String SERVICE_ACCOUNT = "cfctl-bootstrap";
  static final String VALUES = "cfctl-bootstrap-argocd-values";

  private BootstrapLeftovers() {}

  /** Deletes (or plans, or shows) every leftover found; a no-op once there are none. */
  public static void remove(ClusterContext ctx) {
    if (ctx.client() == null) {
      return;
    }
    List<GenericKubernetesResource> found = find(ctx);
    if (found.isEmpty()) {
      return;
    }
    logger.info("    {} objects left by an older cfctl's bootstrap Job", found.size());
    for (GenericKubernetesResource o : found) {
      ObjectRef ref = ObjectRef.of(o);
      if (ctx.comparing()) {
        ctx.liveDiffs()
            .add(
                LiveObjectDiffer.compare(
                    ref,
                    DeliveredObjects.BOOTSTRAP,
                    Manifests.normalise(Manifests.toMap(o)),
                    null,
                    "left by an older cfctl's bootstrap Job: apply deletes it"));
      }
      ctx.guard()
          .mutate(
              "kube/" + ref,
              "delete (left by an older cfctl's bootstrap Job)",
              () -> delete(ctx, ref, handle(ctx, o)));
    }
  }

  /** The leftovers on the cluster, Jobs first (they use the others), read-only. */
  static List<GenericKubernetesResource> find(ClusterContext ctx) {
    List<GenericKubernetesResource> found = new ArrayList<>();
    var jobs =
        ctx.calls()
            .call(
                "listing Jobs in " + NAMESPACE,
                () -> ctx.client().batch().v1().jobs().inNamespace(NAMESPACE).list());
    for (var job : jobs.getItems()) {
      if (job.getMetadata().getName().startsWith(JOB_PREFIX)) {
        found.add(generic("batch/v1", "Job", job));
      }
    }
    add(
        found,
        "ConfigMap",
        "v1",
        read(
            ctx,
            "ConfigMap " + NAMESPACE + "/" + VALUES,
            () -> ctx.client().configMaps().inNamespace(NAMESPACE).withName(VALUES).get()));
    add(
        found,
        "ServiceAccount",
        "v1",
        read(
            ctx,
            "ServiceAccount " + NAMESPACE + "/" + SERVICE_ACCOUNT,
            () ->
                ctx.client()
                    .serviceAccounts()
                    .inNamespace(NAMESPACE)
                    .withName(SERVICE_ACCOUNT)
                    .get()));
    add(
        found,
        "ClusterRoleBinding",
        "rbac.authorization.k8s.io/v1",
        read(
            ctx,
            "ClusterRoleBinding " + BINDING,
            () -> ctx.client().rbac().clusterRoleBindings().withName(BINDING).get()));
    return found;
  }

  private static void add(
      List<GenericKubernetesResource> found,
      String kind,
      String apiVersion,
      io.fabric8.kubernetes.api.model.HasMetadata o) {
    if (o != null) {
      found.add(generic(apiVersion, kind, o));
    }
  }

  private static GenericKubernetesResource generic(
      String apiVersion, String kind, io.fabric8.kubernetes.api.model.HasMetadata o) {
    GenericKubernetesResource g =
        io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
            .convertValue(o, GenericKubernetesResource.class);
    g.setApiVersion(apiVersion);
    g.setKind(kind);
    return g;
  }

  private static <T> T read(ClusterContext ctx, String what, Supplier<T> get) {
    return ctx.calls()
        .call(
            "reading " + what,
            () -> {
              try {
                return get.get();
              } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                  return null;
                }
                throw e;
              }
            });
  }

  private static io.fabric8.kubernetes.client.dsl.Deletable handle(
      ClusterContext ctx, GenericKubernetesResource o) {
    String name = o.getMetadata().getName();
    var client = ctx.client();
    return switch (o.getKind()) {
      // a Job's pods go with it
      case "Job" ->
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(NAMESPACE)
              .withName(name)
              .withPropagationPolicy(
                  io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND);
      case "ConfigMap" -> client.configMaps().inNamespace(NAMESPACE).withName(name);
      case "ServiceAccount" -> client.serviceAccounts().inNamespace(NAMESPACE).withName(name);
      case "ClusterRoleBinding" -> client.rbac().clusterRoleBindings().withName(name);
      default -> throw new IllegalArgumentException(o.getKind());
    };
  }

  private static Object delete(
      ClusterContext ctx, ObjectRef ref, io.fabric8.kubernetes.client.dsl.Deletable resource) {
    return ctx.calls()
        .call(
            "deleting " + ref,
            () -> {
              try {
                return resource.delete();
              } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                  return List.of();
                }
                throw e;
              }
            });
  }
}
