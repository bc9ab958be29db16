package io.clusterfactory.cfctl.core.kube.health;

import java.util.Optional;

/** kstatus rules for apps/Deployment. */
public final class DeploymentHealth implements HealthCheck {
  @Override
  public String groupKind() {
    return "Deployment.apps";
  }

  @Override
  public Health check(ObjectStatus d) {
    Optional<ObjectStatus.Condition> progressing = d.condition("Progressing");
    if (progressing.isPresent() && "ProgressDeadlineExceeded".equals(progressing.get().reason())) {
      return Health.failed("progress deadline exceeded: " + progressing.get().describe());
    }
    long desired = d.number("spec", "replicas").orElse(1L);
    long replicas = d.count("status", "replicas");
    long updated = d.count("status", "updatedReplicas");
    long ready = d.count("status", "readyReplicas");
    long available = d.count("status", "availableReplicas");
    if (updated < desired) {
      return Health.inProgress("updated replicas: " + updated + "/" + desired);
    }
    if (replicas > updated) {
      return Health.inProgress("pending termination: " + (replicas - updated) + " old replicas");
    }
    if (available < updated) {
      return Health.inProgress("available replicas: " + available + "/" + updated);
    }
    if (ready < desired) {
      return Health.inProgress("ready replicas: " + ready + "/" + desired);
    }
    boolean hasDeadline = d.at("spec", "progressDeadlineSeconds").isPresent();
    if (hasDeadline
        && progressing.isPresent()
        && !"NewReplicaSetAvailable".equals(progressing.get().reason())) {
      return Health.inProgress("rollout in progress: " + progressing.get().describe());
    }
    Optional<ObjectStatus.Condition> availableCondition = d.condition("Available");
    if (availableCondition.isPresent() && !availableCondition.get().isTrue()) {
      return Health.inProgress("not available: " + availableCondition.get().describe());
    }
    return Health.CURRENT;
  }
}
