package io.clusterfactory.cfctl.core.kube.health;

/** kstatus rules for Pod. */
public final class PodHealth implements HealthCheck {
  @Override
  public String groupKind() {
    return "Pod";
  }

  @Override
  public Health check(ObjectStatus pod) {
    String phase = pod.string("status", "phase").orElse("Pending");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      return Health.CURRENT;
    }
    if (pod.at("status", "containerStatuses").orElse(null) instanceof java.util.List<?> statuses) {
      for (Object status : statuses) {
        if (status instanceof java.util.Map<?, ?> s
            && s.get("state") instanceof java.util.Map<?, ?> state
            && state.get("waiting") instanceof java.util.Map<?, ?> waiting
            && "CrashLoopBackOff".equals(waiting.get("reason"))) {
          return Health.failed("container " + s.get("name") + " in CrashLoopBackOff");
        }
      }
    }
    var ready = pod.condition("Ready");
    if (phase.equals("Running") && ready.isPresent() && ready.get().isTrue()) {
      return Health.CURRENT;
    }
    return Health.inProgress(
        "pod " + phase + ready.map(r -> ", not Ready: " + r.describe()).orElse(""));
  }
}
