package io.clusterfactory.cfctl.core.diff;

import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Removes what the API server adds to an object, so a diff shows only what cfctl decides: status,
 * bookkeeping metadata, kubectl's last-applied annotation, and server defaults that the desired
 * object does not set.
 */
public final class LiveObjectNormalizer {
  /** Metadata fields the server maintains. */
  public static final Set<String> SERVER_METADATA =
      Set.of(
          "managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "selfLink");

  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** Marks a default that matches whatever value the server allocated (cluster IPs...). */
  private static final Object ANY = new Object();

  private static final String POD = "spec.template.spec";

  private static final Set<String> WORKLOADS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

  private record DefaultRule(Set<String> kinds, List<String> path, Object value) {}

  private static final List<DefaultRule> DEFAULTS =
      List.of(
          rule(Set.of("Deployment"), "spec.progressDeadlineSeconds", 600),
          rule(Set.of("Deployment", "StatefulSet", "DaemonSet"), "spec.revisionHistoryLimit", 10),
          rule(Set.of("Deployment", "StatefulSet"), "spec.replicas", 1),
          rule(
              Set.of("Deployment"),
              "spec.strategy",
              Map.of(
                  "type",
                  "RollingUpdate",
                  "rollingUpdate",
                  Map.of("maxSurge", "25%", "maxUnavailable", "25%"))),
          rule(Set.of("StatefulSet"), "spec.podManagementPolicy", "OrderedReady"),
          rule(
              Set.of("StatefulSet"),
              "spec.updateStrategy",
              Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("partition", 0))),
          rule(
              Set.of("StatefulSet"),
              "spec.persistentVolumeClaimRetentionPolicy",
              Map.of("whenDeleted", "Retain", "whenScaled", "Retain")),
          rule(
              Set.of("DaemonSet"),
              "spec.updateStrategy",
              Map.of(
                  "type",
                  "RollingUpdate",
                  "rollingUpdate",
                  Map.of("maxSurge", 0, "maxUnavailable", 1))),
          podRule("dnsPolicy", "ClusterFirst"),
          podRule("restartPolicy", "Always"),
          podRule("schedulerName", "default-scheduler"),
          podRule("securityContext", Map.of()),
          podRule("terminationGracePeriodSeconds", 30),
          podRule("containers[].terminationMessagePath", "/dev/termination-log"),
          podRule("containers[].terminationMessagePolicy", "File"),
          podRule("containers[].resources", Map.of()),
          // derived from the image tag alone, so whatever the server chose is the default
          podRule("containers[].imagePullPolicy", ANY),
          podRule("containers[].ports[].protocol", "TCP"),
          podRule("initContainers[].terminationMessagePath", "/dev/termination-log"),
          podRule("initContainers[].terminationMessagePolicy", "File"),
          podRule("initContainers[].resources", Map.of()),
          rule(WORKLOADS, "spec.template.metadata.creationTimestamp", ANY),
          rule(Set.of("Service"), "spec.sessionAffinity", "None"),
          rule(Set.of("Service"), "spec.type", "ClusterIP"),
          rule(Set.of("Service"), "spec.internalTrafficPolicy", "Cluster"),
          rule(Set.of("Service"), "spec.ipFamilyPolicy", "SingleStack"),
          rule(Set.of("Service"), "spec.ipFamilies", ANY),
          rule(Set.of("Service"), "spec.clusterIP", ANY),
          rule(Set.of("Service"), "spec.clusterIPs", ANY),
          rule(Set.of("Service"), "spec.ports[].protocol", "TCP"),
          rule(Set.of("Service"), "spec.ports[].targetPort", ANY),
          rule(Set.of("Secret"), "type", "Opaque"),
          rule(Set.of("Namespace"), "spec.finalizers", List.of("kubernetes")),
          new DefaultRule(
              Set.of("Namespace"),
              List.of("metadata", "labels", "kubernetes.io/metadata.name"),
              ANY));

  private LiveObjectNormalizer() {}

  /**
   * A deep copy of {@code object} without status, server metadata and the last-applied annotation.
   * Works for live objects, server dry-run results and desired objects alike.
   */
  public static Map<String, Object> strip(Map<String, ?> object) {
    Map<String, Object> copy = CanonicalYaml.toMap(object);
    copy.remove("status");
    if (copy.get("metadata") instanceof Map<?, ?> meta) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) meta;
      SERVER_METADATA.forEach(m::remove);
      if (m.get("annotations") instanceof Map<?, ?> annotations) {
        annotations.remove(LAST_APPLIED);
        if (annotations.isEmpty()) {
          m.remove("annotations");
        }
      }
    }
    return copy;
  }

  /**
   * Removes from {@code live} (in place) the server defaults that {@code desired} does not set, so
   * they do not show as differences. A default is removed only when the live value equals it.
   */
  public static void dropServerDefaults(Map<String, Object> live, Map<String, ?> desired) {
    Object kind = live.get("kind");
    for (DefaultRule rule : DEFAULTS) {
      if (rule.kinds.contains(kind)) {
        drop(live, desired, rule.path, 0, rule.value);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void drop(Object live, Object desired, List<String> path, int i, Object value) {
    if (!(live instanceof Map<?, ?> liveMap)) {
      return;
    }
    Map<String, Object> lm = (Map<String, Object>) liveMap;
    Map<?, ?> dm = desired instanceof Map<?, ?> d ? d : Map.of();
    String segment = path.get(i);
    boolean list = segment.endsWith("[]");
    String key = list ? segment.substring(0, segment.length() - 2) : segment;
    if (i == path.size() - 1) {
      if (lm.containsKey(key) && !dm.containsKey(key) && matches(lm.get(key), value)) {
        lm.remove(key);
      }
      return;
    }
    Object next = lm.get(key);
    Object desiredNext = dm.get(key);
    if (list) {
      if (next instanceof List<?> items) {
        List<?> desiredItems = desiredNext instanceof List<?> l ? l : List.of();
        for (int n = 0; n < items.size(); n++) {
          drop(
              items.get(n),
              n < desiredItems.size() ? desiredItems.get(n) : null,
              path,
              i + 1,
              value);
        }
      }
    } else {
      drop(next, desiredNext, path, i + 1, value);
    }
  }

  private static boolean matches(Object actual, Object expected) {
    if (expected == ANY) {
      return true;
    }
    if (actual instanceof Number a && expected instanceof Number e) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(e.toString())) == 0;
    }
    if (actual instanceof Map<?, ?> a && expected instanceof Map<?, ?> e) {
      if (!a.keySet().equals(e.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> entry : e.entrySet()) {
        if (!matches(a.get(entry.getKey()), entry.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (actual instanceof List<?> a && expected instanceof List<?> e) {
      if (a.size() != e.size()) {
        return false;
      }
      for (int n = 0; n < a.size(); n++) {
        if (!matches(a.get(n), e.get(n))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(actual, expected);
  }

  private static DefaultRule rule(Set<String> kinds, String dotted, Object value) {
    return new DefaultRule(kinds, List.of(dotted.split("\\.")), value);
  }

  private static DefaultRule podRule(String dotted, Object value) {
    return rule(WORKLOADS, POD + "." + dotted, value);
  }
}
