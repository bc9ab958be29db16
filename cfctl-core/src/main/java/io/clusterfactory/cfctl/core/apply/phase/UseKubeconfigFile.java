package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import java.io.IOException;
import java.nio.file.Files;

/**
 * {@code --kubeconfig FILE}: the API is reached with the user's kubeconfig (a tunnel, a proxy)
 * instead of the leader's admin kubeconfig; read before anything changes, so a missing file exits 2
 * with nothing touched.
 */
public final class UseKubeconfigFile implements Phase<ClusterContext> {
  @Override
  public String title() {
    return "Read the kubeconfig file";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.options().kubeconfig() != null && ctx.needsApi();
  }

  @Override
  public void run(ClusterContext ctx) {
    try {
      ctx.kubeconfig(Files.readString(ctx.options().kubeconfig()));
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot read --kubeconfig " + ctx.options().kubeconfig() + ": " + e.getMessage(),
          "give the path of a readable kubeconfig file");
    }
  }
}
