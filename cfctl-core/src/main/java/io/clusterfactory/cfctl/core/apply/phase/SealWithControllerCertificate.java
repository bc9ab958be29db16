package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.TreeSealing;
import io.clusterfactory.cfctl.core.gitops.PublishResult;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new cluster's secrets, sealed in the same run: the sealed-secrets controller comes with the
 * gitops stack, so once that stack is ready this phase fetches its certificate, seals and pushes a
 * second commit, and the later stacks wait for that commit.
 */
public final class SealWithControllerCertificate implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(SealWithControllerCertificate.class);

  @Override
  public String title() {
    return "Seal secrets with the controller's certificate";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.includes(ApplyPart.GITOPS)
        && ctx.includes(ApplyPart.STACKS)
        && !ctx.dryRun()
        && ctx.client() != null
        && ctx.rendered()
        && ctx.sealed() != null
        && !ctx.tree().secrets().isEmpty()
        && ctx.sealed().sealedObjects().isEmpty();
  }

  @Override
  public void run(ClusterContext ctx) {
    TreeSealing.Sealed before = ctx.sealed();
    TreeSealing.Sealed now =
        ctx.sealing().seal(ctx.config(), ctx.tree(), ctx.client(), ctx.previous()::file);
    if (now.sealedObjects().isEmpty()) {
      logger.info("    the controller serves no certificate yet; the next apply seals them");
      return;
    }
    logger.info("    {} secrets sealed", now.sealedObjects().size());
    PublishResult result =
        ctx.publisher()
            .publish(
                ctx.repository(),
                now.files(),
                PublishTree.commitOptions(ctx, " with the sealed-secrets controller's certificate"),
                ctx.guard());
    logger.info("    {}", result.commitOrStatus());
    ctx.notes().removeAll(before.notes());
    now.notes().forEach(ctx::note);
    ctx.sealed(now);
    ctx.published(result);
  }
}
