package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import java.util.List;
import java.util.stream.Collectors;

/** The wait reached the run's deadline; names every object that was not ready and why. */
public class WaitTimeoutException extends OperationFailedException {
  private final transient List<NotReady> notReady;

  public WaitTimeoutException(String stack, List<NotReady> notReady) {
    super(
        "timed out waiting for stack "
            + stack
            + ": "
            + notReady.size()
            + (notReady.size() == 1 ? " object not ready:\n" : " objects not ready:\n")
            + notReady.stream().map(n -> "  - " + n).collect(Collectors.joining("\n")),
        "inspect them with kubectl describe, or raise --timeout",
        null);
    this.notReady = List.copyOf(notReady);
  }

  public List<NotReady> notReady() {
    return notReady;
  }
}
