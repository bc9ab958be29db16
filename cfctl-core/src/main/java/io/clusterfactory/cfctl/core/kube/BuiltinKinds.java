package io.clusterfactory.cfctl.core.kube;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * REST resources of the built-in kinds cfctl's stacks use, so resolving them needs neither API
 * discovery nor fabric8's model registry (which loads every model class, about a second of CLI
 * start-up).
 */
final class BuiltinKinds {
  private static final Map<String, ResourceDefinitionContext> KINDS = new HashMap<>();

  static {
    core("Namespace", "namespaces", false);
    core("ConfigMap", "configmaps", true);
    core("Secret", "secrets", true);
    core("ServiceAccount", "serviceaccounts", true);
    core("Service", "services", true);
    core("PersistentVolumeClaim", "persistentvolumeclaims", true);
    core("PersistentVolume", "persistentvolumes", false);
    core("Pod", "pods", true);
    core("ResourceQuota", "resourcequotas", true);
    core("LimitRange", "limitranges", true);
    add("apps/v1", "Deployment", "deployments", true);
    add("apps/v1", "StatefulSet", "statefulsets", true);
    add("apps/v1", "DaemonSet", "daemonsets", true);
    add("apps/v1", "ReplicaSet", "replicasets", true);
    add("batch/v1", "Job", "jobs", true);
    add("batch/v1", "CronJob", "cronjobs", true);
    add("rbac.authorization.k8s.io/v1", "Role", "roles", true);
    add("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true);
    add("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false);
    add("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", false);
    add("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false);
    add("networking.k8s.io/v1", "Ingress", "ingresses", true);
    add("networking.k8s.io/v1", "IngressClass", "ingressclasses", false);
    add("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true);
    add("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true);
    add("storage.k8s.io/v1", "StorageClass", "storageclasses", false);
    add("storage.k8s.io/v1", "CSIDriver", "csidrivers", false);
    add("scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", false);
    add("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true);
    add("apiregistration.k8s.io/v1", "APIService", "apiservices", false);
    add(
        "admissionregistration.k8s.io/v1",
        "MutatingWebhookConfiguration",
        "mutatingwebhookconfigurations",
        false);
    add(
        "admissionregistration.k8s.io/v1",
        "ValidatingWebhookConfiguration",
        "validatingwebhookconfigurations",
        false);
  }

  private BuiltinKinds() {}

  static Optional<ResourceDefinitionContext> find(String apiVersion, String kind) {
    return Optional.ofNullable(KINDS.get(apiVersion + "/" + kind));
  }

  private static void core(String kind, String plural, boolean namespaced) {
    add("v1", kind, plural, namespaced);
  }

  private static void add(String apiVersion, String kind, String plural, boolean namespaced) {
    KINDS.put(
        apiVersion + "/" + kind,
        ResourceDefinitionContext.fromApiResource(
            apiVersion,
            new APIResourceBuilder()
                .withKind(kind)
                .withName(plural)
                .withNamespaced(namespaced)
                .build()));
  }
}
