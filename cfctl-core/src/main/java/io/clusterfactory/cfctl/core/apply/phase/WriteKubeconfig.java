package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.secrets.SecureFiles;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --kubeconfig-out FILE}: the admin kubeconfig written mode 0600 (not in a dry run). */
public final class WriteKubeconfig implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(WriteKubeconfig.class);

  @Override
  public String title() {
    return "Write the admin kubeconfig";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.options().kubeconfigOut() != null && ctx.kubeconfig() != null && !ctx.dryRun();
  }

  @Override
  public void run(ClusterContext ctx) {
    SecureFiles.writePrivate(
        ctx.options().kubeconfigOut(), ctx.kubeconfig().getBytes(StandardCharsets.UTF_8));
    logger.info("    {} (mode 0600)", ctx.options().kubeconfigOut());
  }
}
