package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.StacksStatus;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.fabric8.kubernetes.client.KubernetesClientException;

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
    if (ctx.client() == null) {
      ctx.stacksStatus(
          null,
          ctx.clusterMissing() != null
              ? ctx.clusterMissing()
              : "no kubeconfig: no controller could be reached");
      return;
    }
    try {
      ctx.stacksStatus(StacksStatus.read(ctx.client(), ctx.calls()), null);
    } catch (CfctlException | KubernetesClientException e) {
      ctx.stacksStatus(null, describe(e));
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    Throwable cause = e.getCause();
    if ((m == null || m.isBlank() || m.contains("An error has occurred")) && cause != null) {
      return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
    return m;
  }
}
