package io.clusterfactory.cfctl.core.kube.health;

import java.util.Objects;

/** kstatus rules for apps/StatefulSet. */
public final class StatefulSetHealth implements HealthCheck {
  @Override
  public String groupKind() {
    return "StatefulSet.apps";
  }

  @Override
  public Health check(ObjectStatus s) {
    if ("OnDelete".equals(s.string("spec", "updateStrategy", "type").orElse("RollingUpdate"))) {
      return Health.CURRENT;
    }
    long desired = s.number("spec", "replicas").orElse(1L);
    long replicas = s.count("status", "replicas");
    long ready = s.count("status", "readyReplicas");
    long current = s.count("status", "currentReplicas");
    long updated = s.count("status", "updatedReplicas");
    if (replicas < desired) {
      return Health.inProgress("replicas: " + replicas + "/" + desired);
    }
    if (ready < desired) {
      return Health.inProgress("ready replicas: " + ready + "/" + desired);
    }
    if (replicas > desired) {
      return Health.inProgress("pending termination: " + (replicas - desired) + " extra replicas");
    }
    var partition = s.number("spec", "updateStrategy", "rollingUpdate", "partition");
    if (partition.isPresent()) {
      long expected = Math.max(0, desired - partition.get());
      return updated < expected
          ? Health.inProgress("partitioned rollout: updated " + updated + "/" + expected)
          : Health.CURRENT;
    }
    if (current < desired) {
      return Health.inProgress("current replicas: " + current + "/" + desired);
    }
    String currentRevision = s.string("status", "currentRevision").orElse(null);
    String updateRevision = s.string("status", "updateRevision").orElse(null);
    if (!Objects.equals(currentRevision, updateRevision)) {
      return Health.inProgress("rolling update to revision " + updateRevision + " in progress");
    }
    return Health.CURRENT;
  }
}
