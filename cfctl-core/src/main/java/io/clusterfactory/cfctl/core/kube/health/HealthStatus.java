package io.clusterfactory.cfctl.core.kube.health;

/** kstatus statuses (sigs.k8s.io/cli-utils pkg/kstatus). Only {@link #CURRENT} counts as ready. */
public enum HealthStatus {
  CURRENT,
  IN_PROGRESS,
  FAILED,
  TERMINATING,
  NOT_FOUND
}
