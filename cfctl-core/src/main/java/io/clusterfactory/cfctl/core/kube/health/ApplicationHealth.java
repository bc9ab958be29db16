package io.clusterfactory.cfctl.core.kube.health;

/**
 * Argo CD {@code argoproj.io/Application}: ready when {@code status.sync.status} is Synced, {@code
 * status.health.status} is Healthy, no sync operation is running or failed and, when cfctl knows
 * the commit it pushed, {@code status.sync.revision} is that commit.
 */
public final class ApplicationHealth implements HealthCheck {
  private final String expectedRevision;

  /**
   * @param expectedRevision the Git commit the Application must have synced, or null for any
   */
  public ApplicationHealth(String expectedRevision) {
    this.expectedRevision = expectedRevision;
  }

  @Override
  public String groupKind() {
    return "Application.argoproj.io";
  }

  @Override
  public Health check(ObjectStatus app) {
    String phase = app.string("status", "operationState", "phase").orElse("");
    String operationMessage = app.string("status", "operationState", "message").orElse("");
    if (phase.equals("Failed") || phase.equals("Error")) {
      return Health.failed("sync operation " + phase + ": " + operationMessage);
    }
    String health = app.string("status", "health", "status").orElse("Unknown");
    String sync = app.string("status", "sync", "status").orElse("Unknown");
    if (health.equals("Degraded")) {
      return Health.inProgress(
          "health Degraded"
              + app.string("status", "health", "message").map(m -> ": " + m).orElse("")
              + ", sync "
              + sync);
    }
    if (phase.equals("Running") || phase.equals("Terminating")) {
      return Health.inProgress("sync operation " + phase + ", health " + health + ", sync " + sync);
    }
    if (!health.equals("Healthy") || !sync.equals("Synced")) {
      return Health.inProgress("health " + health + ", sync " + sync);
    }
    String revision = app.string("status", "sync", "revision").orElse("");
    if (expectedRevision != null && !expectedRevision.equals(revision)) {
      return Health.inProgress("synced revision " + revision + ", waiting for " + expectedRevision);
    }
    return Health.CURRENT;
  }
}
