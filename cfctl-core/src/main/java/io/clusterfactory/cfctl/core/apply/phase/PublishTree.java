package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.TreeSealing;
import io.clusterfactory.cfctl.core.diff.GitTreeDiffer;
import io.clusterfactory.cfctl.core.gitops.CommitOptions;
import io.clusterfactory.cfctl.core.gitops.GitPublisher;
import io.clusterfactory.cfctl.core.gitops.PublishResult;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.render.SecretRequest;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the owned folder when its tree changed and pushes (never forced; a moved remote is
 * fetched and retried). A diff runs the same phase read-only and also compares the tree with the
 * published one file by file.
 */
public final class PublishTree implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(PublishTree.class);

  @Override
  public String title() {
    return "Commit and push the GitOps tree";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.includes(ApplyPart.GITOPS) && ctx.rendered();
  }

  @Override
  public void run(ClusterContext ctx) {
    var repo = ctx.repository();
    TreeSealing.Sealed sealed = ctx.sealed();
    if (ctx.comparing()) {
      compare(ctx, sealed);
    }
    logger.info("    {}", GitPublisher.displayUrl(repo.url()));
    PublishResult result =
        ctx.publisher().publish(repo, sealed.files(), commitOptions(ctx, null), ctx.guard());
    logger.info("    {}", result.commitOrStatus());
    ctx.published(result);
  }

  static CommitOptions commitOptions(ClusterContext ctx, String suffix) {
    String message = ctx.options().commitMessage();
    if (message == null && suffix == null) {
      return CommitOptions.defaults();
    }
    String base = message == null ? "cfctl: seal secrets" : message;
    return CommitOptions.defaults().withMessage(suffix == null ? base : base + suffix);
  }

  private static void compare(ClusterContext ctx, TreeSealing.Sealed sealed) {
    SortedMap<String, byte[]> files = new TreeMap<>(sealed.files());
    if (sealed.sealedObjects().isEmpty()) {
      // Without sealing, the secrets in Git cannot be compared: keep them as they are.
      for (SecretRequest s : ctx.tree().secrets()) {
        byte[] before = ctx.previous().file(s.path());
        if (before != null) {
          files.put(s.path(), before);
        }
      }
      if (!ctx.tree().secrets().isEmpty() && sealed.notes().isEmpty()) {
        ctx.note("sealed secrets not compared: no sealing certificate");
      }
    }
    var repo = ctx.repository();
    var base = ctx.previous().snapshot();
    ctx.gitDiff(
        GitTreeDiffer.compare(
            GitPublisher.displayUrl(repo.url()),
            ctx.previous().ref(),
            GitPublisher.ownedFolder(repo),
            base.commitId(),
            base.files(),
            files));
  }
}
