package io.clusterfactory.cfctl.core.kube;

import java.util.List;

/** Readiness of one component of a stack, reported each time it changes. */
public record StackProgress(
    String stack, String component, int ready, int total, List<NotReady> notReady) {
  public StackProgress {
    notReady = List.copyOf(notReady);
  }

  public boolean done() {
    return ready == total;
  }
}
