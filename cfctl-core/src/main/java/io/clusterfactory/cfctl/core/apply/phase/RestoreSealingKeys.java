package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.backup.BackupBundle;
import io.clusterfactory.cfctl.core.backup.SealingKeys;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code apply --restore-from}: the backup's sealed-secrets key Secrets applied through the API
 * before the gitops stack deploys the controller, so it starts with the old keys and every
 * SealedSecret already in Git opens again.
 */
public final class RestoreSealingKeys implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(RestoreSealingKeys.class);

  @Override
  public String title() {
    return "Restore the sealed-secrets keys";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.restore() != null
        && ctx.restore().archive().entry(BackupBundle.SEALING_KEYS_ENTRY) != null;
  }

  @Override
  public void run(ClusterContext ctx) {
    List<Secret> keys =
        SealingKeys.fromYaml(ctx.restore().archive().entry(BackupBundle.SEALING_KEYS_ENTRY));
    List<String> names = keys.stream().map(s -> s.getMetadata().getName()).toList();
    if (ctx.kubeconfig() == null
        && !ctx.includes(io.clusterfactory.cfctl.core.apply.ApplyPart.STACKS)) {
      ctx.note(
          "sealed-secrets keys "
              + names
              + " not restored: this run does not reach the API (--only); run cfctl apply"
              + " --restore-from again without --only before the gitops stack");
      return;
    }
    if (ctx.kubeconfig() == null && !ctx.dryRun()) {
      throw new io.clusterfactory.cfctl.core.error.UnreachableException(
          "api", "no API to restore the sealed-secrets keys into", null);
    }
    ctx.guard()
        .mutate(
            "cluster",
            "restore "
                + keys.size()
                + " sealed-secrets key Secret(s) in "
                + SealingKeys.NAMESPACE
                + ": "
                + names,
            () -> {
              SealingKeys.apply(ctx.client(), ctx.calls(), keys);
              return null;
            });
    logger.info("    sealed-secrets keys restored: {}", names);
  }
}
