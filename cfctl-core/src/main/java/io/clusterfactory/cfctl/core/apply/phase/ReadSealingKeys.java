package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.backup.BackupBundle;
import io.clusterfactory.cfctl.core.backup.SealingKeys;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * backup: the sealed-secrets controller's key Secrets, read through the API (in a dry run too: it
 * only reads). A cluster without them (no gitops stack yet) is backed up without, with a warning.
 */
public final class ReadSealingKeys implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(ReadSealingKeys.class);

  @Override
  public String title() {
    return "Read the sealed-secrets keys";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.backup() != null;
  }

  @Override
  public void run(ClusterContext ctx) {
    if (ctx.kubeconfig() == null) {
      throw new UnreachableException(
          "api",
          "no API to read the sealed-secrets keys from: "
              + (ctx.clusterMissing() != null ? ctx.clusterMissing() : "no kubeconfig"),
          null);
    }
    List<Secret> keys = SealingKeys.read(ctx.client(), ctx.calls());
    if (keys.isEmpty()) {
      logger.warn(
          "    no sealed-secrets key Secret in namespace {}: the backup has no sealing keys",
          SealingKeys.NAMESPACE);
      return;
    }
    logger.info(
        "    {} sealed-secrets key Secret{}: {}",
        keys.size(),
        keys.size() == 1 ? "" : "s",
        keys.stream().map(s -> s.getMetadata().getName()).toList());
    ctx.backup().add(BackupBundle.SEALING_KEYS_ENTRY, SealingKeys.toYaml(keys));
  }
}
