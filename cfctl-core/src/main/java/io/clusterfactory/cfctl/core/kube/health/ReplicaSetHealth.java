package io.clusterfactory.cfctl.core.kube.health;

/** kstatus rules for apps/ReplicaSet. */
public final class ReplicaSetHealth implements HealthCheck {
  @Override
  public String groupKind() {
    return "ReplicaSet.apps";
  }

  @Override
  public Health check(ObjectStatus r) {
    var failure = r.condition("ReplicaFailure");
    if (failure.isPresent() && failure.get().isTrue()) {
      return Health.inProgress("replica failure: " + failure.get().describe());
    }
    long desired = r.number("spec", "replicas").orElse(1L);
    long labelled = r.count("status", "fullyLabeledReplicas");
    long available = r.count("status", "availableReplicas");
    long ready = r.count("status", "readyReplicas");
    long replicas = r.count("status", "replicas");
    if (labelled < desired) {
      return Health.inProgress("labelled replicas: " + labelled + "/" + desired);
    }
    if (available < desired) {
      return Health.inProgress("available replicas: " + available + "/" + desired);
    }
    if (ready < desired) {
      return Health.inProgress("ready replicas: " + ready + "/" + desired);
    }
    if (replicas > desired) {
      return Health.inProgress("pending termination: " + (replicas - desired) + " extra replicas");
    }
    return Health.CURRENT;
  }
}
