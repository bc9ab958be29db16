package io.clusterfactory.cfctl.core.kube.health;

/** kstatus rules for apiextensions.k8s.io/CustomResourceDefinition. */
public final class CustomResourceDefinitionHealth implements HealthCheck {
  @Override
  public String groupKind() {
    return "CustomResourceDefinition.apiextensions.k8s.io";
  }

  @Override
  public Health check(ObjectStatus crd) {
    var names = crd.condition("NamesAccepted");
    if (names.isPresent() && names.get().isFalse()) {
      return Health.failed("names not accepted: " + names.get().describe());
    }
    var established = crd.condition("Established");
    if (established.isPresent() && established.get().isTrue()) {
      return Health.CURRENT;
    }
    if (established.isPresent()
        && established.get().isFalse()
        && !"Installing".equals(established.get().reason())) {
      return Health.failed("not established: " + established.get().describe());
    }
    return Health.inProgress("not yet Established");
  }
}
