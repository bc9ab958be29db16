package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order cfctl applies a stack in: Namespaces, then CRDs, then by wave, then a fixed kind order
 * (Helm's, as Argo CD uses it; custom kinds last), then namespace and name. Deletion runs in the
 * reverse order, so custom resources go before their CRDs and Namespaces go last.
 */
public final class ApplyOrder {
  private static final List<String> KIND_ORDER =
      List.of(
          "Namespace",
          "NetworkPolicy",
          "ResourceQuota",
          "LimitRange",
          "PodSecurityPolicy",
          "PodDisruptionBudget",
          "ServiceAccount",
          "Secret",
          "SealedSecret",
          "ConfigMap",
          "StorageClass",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleBinding",
          "Role",
          "RoleBinding",
          "Service",
          "DaemonSet",
          "Pod",
          "ReplicationController",
          "ReplicaSet",
          "Deployment",
          "HorizontalPodAutoscaler",
          "StatefulSet",
          "Job",
          "CronJob",
          "Ingress",
          "APIService");

  /** Comparator over objects of one stack. */
  public static final Comparator<DesiredObject> COMPARATOR =
      Comparator.comparingInt(ApplyOrder::stage)
          .thenComparingInt(d -> stage(d) == 2 ? d.wave() : 0)
          .thenComparingInt(d -> kindRank(d.ref().kind()))
          .thenComparing(d -> d.ref().kind())
          .thenComparing(d -> d.ref().namespace())
          .thenComparing(d -> d.ref().name());

  private ApplyOrder() {}

  /**
   * Splits a stack into batches that must run one after another: all Namespaces, all CRDs, then one
   * batch per wave. Objects inside a batch are independent and may be applied concurrently.
   */
  public static List<List<DesiredObject>> batches(List<DesiredObject> objects) {
    Map<Long, List<DesiredObject>> byBatch = new TreeMap<>();
    objects.stream()
        .sorted(COMPARATOR)
        .forEach(d -> byBatch.computeIfAbsent(batchKey(d), k -> new ArrayList<>()).add(d));
    return List.copyOf(byBatch.values());
  }

  private static long batchKey(DesiredObject d) {
    int stage = stage(d);
    return stage < 2 ? Long.MIN_VALUE + stage : (long) d.wave();
  }

  private static int stage(DesiredObject d) {
    if (isNamespace(d.ref())) {
      return 0;
    }
    return isCrd(d.ref()) ? 1 : 2;
  }

  static boolean isNamespace(ObjectRef ref) {
    return ref.kind().equals("Namespace") && ref.group().isEmpty();
  }

  static boolean isCrd(ObjectRef ref) {
    return ref.kind().equals("CustomResourceDefinition")
        && ref.group().equals("apiextensions.k8s.io");
  }

  private static int kindRank(String kind) {
    int index = KIND_ORDER.indexOf(kind);
    return index < 0 ? KIND_ORDER.size() : index;
  }
}
