package io.clusterfactory.cfctl.core.kube.health;

/** kstatus rules for PersistentVolumeClaim: ready once Bound. */
public final class PersistentVolumeClaimHealth implements HealthCheck {
  @Override
  public String groupKind() {
    return "PersistentVolumeClaim";
  }

  @Override
  public Health check(ObjectStatus pvc) {
    String phase = pvc.string("status", "phase").orElse("Pending");
    return phase.equals("Bound") ? Health.CURRENT : Health.inProgress("claim " + phase);
  }
}
