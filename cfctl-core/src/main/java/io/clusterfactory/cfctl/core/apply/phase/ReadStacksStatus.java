package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.StacksStatus;
import io.clusterfactory.cfctl.core.pipeline.Phase;

/**
 * {@code cfctl status}: every ArgoCD Application cfctl manages, with sync and health. When the API
 * cannot be read the cause is kept for the report (status reports, it does not fail).
 */
public final class ReadStacksStatus implements Phase<ClusterContext> {
  @Override
  public String title() {
    return "Read the stacks' status";
  }

  @Override
  public void run(ClusterContext ctx) {
    if (ctx.kubeconfig() == null) {
      ctx.stacksStatus(
          null,
          ctx.clusterMissing() != null
              ? ctx.clusterMissing()
              : "no kubeconfig: no controller could be reached");
      return;
    }
    try {
      ctx.stacksStatus(StacksStatus.read(ctx.client(), ctx.calls()), null);
    } catch (RuntimeException e) {
      ctx.stacksStatus(null, describe(e));
    }
  }

  /** The message with the root cause fabric8 hides behind "An error has occurred." */
  static String describe(Exception e) {
    String m = e.getMessage();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (m == null || m.isBlank() || m.contains("An error has occurred")) {
      return root == e
          ? "the API could not be read"
          : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
    return root == e ? m : m + " (" + root.getMessage() + ")";
  }
}
