package io.clusterfactory.cfctl.core.kube.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Readiness of any object, in kstatus order: being deleted, generation not yet observed,
 * Reconciling/Stalled conditions, the kind's own rule, a Ready condition, else current. fabric8's
 * {@code Readiness} is not used: it calls every generic object ready.
 */
public final class KStatus {
  private final Map<String, HealthCheck> checks;

  /** Checks for the kinds cfctl knows; Applications must have synced {@code expectedRevision}. */
  public KStatus(String expectedRevision) {
    this(new ApplicationHealth(expectedRevision));
  }

  /** Checks for the kinds cfctl knows, Applications checked by {@code applications}. */
  public KStatus(ApplicationHealth applications) {
    this(
        List.of(
            new DeploymentHealth(),
            new StatefulSetHealth(),
            new DaemonSetHealth(),
            new ReplicaSetHealth(),
            new JobHealth(),
            new CustomResourceDefinitionHealth(),
            applications,
            new PodHealth(),
            new PersistentVolumeClaimHealth(),
            new ServiceHealth()));
  }

  public KStatus(List<HealthCheck> checks) {
    this.checks =
        checks.stream()
            .collect(Collectors.toUnmodifiableMap(HealthCheck::groupKind, Function.identity()));
  }

  /** Health of {@code object}; {@code null} means it does not exist. */
  public Health compute(GenericKubernetesResource object) {
    if (object == null) {
      return new Health(HealthStatus.NOT_FOUND, "not found");
    }
    if (object.getMetadata().getDeletionTimestamp() != null) {
      return new Health(HealthStatus.TERMINATING, "being deleted");
    }
    ObjectStatus status = new ObjectStatus(object);
    Optional<Long> observed = status.number("status", "observedGeneration");
    Long generation = object.getMetadata().getGeneration();
    if (observed.isPresent() && generation != null && !observed.get().equals(generation)) {
      return Health.inProgress(
          "generation " + generation + " not yet observed (observed " + observed.get() + ")");
    }
    var reconciling = status.condition("Reconciling");
    if (reconciling.isPresent() && reconciling.get().isTrue()) {
      return Health.inProgress("reconciling: " + reconciling.get().describe());
    }
    var stalled = status.condition("Stalled");
    if (stalled.isPresent() && stalled.get().isTrue()) {
      return Health.failed("stalled: " + stalled.get().describe());
    }
    HealthCheck check = checks.get(groupKind(object));
    if (check != null) {
      return check.check(status);
    }
    var ready = status.condition("Ready");
    if (ready.isPresent()) {
      return ready.get().isTrue()
          ? Health.CURRENT
          : Health.inProgress("Ready=" + ready.get().status() + ": " + ready.get().describe());
    }
    return Health.CURRENT;
  }

  private static String groupKind(GenericKubernetesResource object) {
    String apiVersion = object.getApiVersion() == null ? "" : object.getApiVersion();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return group.isEmpty() ? object.getKind() : object.getKind() + "." + group;
  }
}
