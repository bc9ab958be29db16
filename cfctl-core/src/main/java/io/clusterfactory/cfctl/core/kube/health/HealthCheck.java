package io.clusterfactory.cfctl.core.kube.health;

/** The kind-specific readiness rule of one kind, one implementation per file. */
public interface HealthCheck {
  /** The group-kind it checks, {@code Deployment.apps}, {@code Pod}. */
  String groupKind();

  /**
   * Readiness of a live object of that kind; the generic rules (deletion, observedGeneration,
   * Reconciling/Stalled) have already passed.
   */
  Health check(ObjectStatus object);
}
