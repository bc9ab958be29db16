package io.clusterfactory.cfctl.core.kube.health;

/** Readiness of one object and, when not ready, why in words a user can act on. */
public record Health(HealthStatus status, String reason) {
  public static final Health CURRENT = new Health(HealthStatus.CURRENT, "ready");

  public static Health inProgress(String reason) {
    return new Health(HealthStatus.IN_PROGRESS, reason);
  }

  public static Health failed(String reason) {
    return new Health(HealthStatus.FAILED, reason);
  }

  public boolean ready() {
    return status == HealthStatus.CURRENT;
  }

  @Override
  public String toString() {
    return status.name() + ": " + reason;
  }
}
