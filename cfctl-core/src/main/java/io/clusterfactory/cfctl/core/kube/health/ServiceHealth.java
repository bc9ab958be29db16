package io.clusterfactory.cfctl.core.kube.health;

/** kstatus rules for Service: a LoadBalancer needs its cluster IP; other types are ready. */
public final class ServiceHealth implements HealthCheck {
  @Override
  public String groupKind() {
    return "Service";
  }

  @Override
  public Health check(ObjectStatus service) {
    if ("LoadBalancer".equals(service.string("spec", "type").orElse("ClusterIP"))
        && service.string("spec", "clusterIP").orElse("").isEmpty()) {
      return Health.inProgress("cluster IP not yet assigned");
    }
    return Health.CURRENT;
  }
}
