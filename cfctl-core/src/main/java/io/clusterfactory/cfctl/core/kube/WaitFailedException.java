package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An object reached a state waiting cannot change (kstatus Failed: a sync Argo CD will not retry,
 * an error condition, a failed Job); names each such object and why, without waiting for the
 * deadline.
 */
public class WaitFailedException extends OperationFailedException {
  private final transient List<NotReady> failed;

  public WaitFailedException(String stack, List<NotReady> failed) {
    super(
        "stack "
            + stack
            + ": "
            + failed.size()
            + " object(s) failed:\n"
            + failed.stream().map(n -> "  - " + n).collect(Collectors.joining("\n")),
        "fix the cause named above and apply again; kubectl describe shows more",
        null);
    this.failed = List.copyOf(failed);
  }

  public List<NotReady> failed() {
    return failed;
  }
}
