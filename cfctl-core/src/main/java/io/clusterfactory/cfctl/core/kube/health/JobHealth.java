package io.clusterfactory.cfctl.core.kube.health;

/**
 * batch/Job. Stricter than kstatus, which calls a running Job current: cfctl's Jobs are bootstrap
 * and migration steps that later objects depend on, so a Job is ready only once it completed (or is
 * suspended on purpose).
 */
public final class JobHealth implements HealthCheck {
  @Override
  public String groupKind() {
    return "Job.batch";
  }

  @Override
  public Health check(ObjectStatus j) {
    for (ObjectStatus.Condition condition : j.conditions()) {
      if (!condition.isTrue()) {
        continue;
      }
      switch (condition.type()) {
        case "Complete":
          return Health.CURRENT;
        case "Failed":
          return Health.failed("job failed: " + condition.describe());
        case "Suspended":
          return Health.CURRENT;
        default:
          break;
      }
    }
    if (j.at("status", "startTime").isEmpty()) {
      return Health.inProgress("job not started");
    }
    return Health.inProgress(
        "job running: "
            + j.count("status", "succeeded")
            + " succeeded, "
            + j.count("status", "active")
            + " active, "
            + j.count("status", "failed")
            + " failed");
  }
}
