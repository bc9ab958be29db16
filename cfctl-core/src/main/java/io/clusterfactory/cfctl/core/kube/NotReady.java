package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.kube.health.Health;

/** An object that is not ready yet, and why. */
public record NotReady(WaitTarget target, Health health) {
  @Override
  public String toString() {
    return target.ref() + " (" + target.stack() + "/" + target.component() + "): " + health;
  }
}
