package io.clusterfactory.cfctl.core.kube.health;

/** kstatus rules for apps/DaemonSet. */
public final class DaemonSetHealth implements HealthCheck {
  @Override
  public String groupKind() {
    return "DaemonSet.apps";
  }

  @Override
  public Health check(ObjectStatus d) {
    if (d.number("status", "observedGeneration").isEmpty()) {
      return Health.inProgress("not yet observed by the controller");
    }
    if (d.number("status", "desiredNumberScheduled").isEmpty()) {
      return Health.inProgress("desiredNumberScheduled not yet set");
    }
    long desired = d.count("status", "desiredNumberScheduled");
    long scheduled = d.count("status", "currentNumberScheduled");
    long updated = d.count("status", "updatedNumberScheduled");
    long available = d.count("status", "numberAvailable");
    long ready = d.count("status", "numberReady");
    if (scheduled < desired) {
      return Health.inProgress("scheduled pods: " + scheduled + "/" + desired);
    }
    if (updated < desired) {
      return Health.inProgress("updated pods: " + updated + "/" + desired);
    }
    if (available < desired) {
      return Health.inProgress("available pods: " + available + "/" + desired);
    }
    if (ready < desired) {
      return Health.inProgress("ready pods: " + ready + "/" + desired);
    }
    return Health.CURRENT;
  }
}
