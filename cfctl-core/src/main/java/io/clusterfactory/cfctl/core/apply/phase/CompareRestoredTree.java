package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code apply --restore-from}: the tree in Git against the commit the backup recorded. The same
 * commit is what the backup saw; another one gets a warning with both, since the restored cluster
 * state (and its keys) belongs to the recorded tree.
 */
public final class CompareRestoredTree implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(CompareRestoredTree.class);

  @Override
  public String title() {
    return "Compare Git with the backup's tree";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.restore() != null
        && ctx.restore().archive().manifest().treeCommit() != null
        && ctx.rendered();
  }

  @Override
  public void run(ClusterContext ctx) {
    String recorded = ctx.restore().archive().manifest().treeCommit();
    String now = ctx.previous().snapshot().commitId();
    if (recorded.equals(now)) {
      logger.info("    Git is at the backup's tree commit {}", recorded);
      return;
    }
    String warning =
        "Git's tree is at "
            + (now == null || now.isEmpty() ? "no commit" : now)
            + ", the backup recorded "
            + recorded
            + ": check that Git is the same tree or newer (git merge-base --is-ancestor "
            + recorded
            + " "
            + (now == null || now.isEmpty() ? "HEAD" : now)
            + ")";
    logger.warn("    {}", warning);
    ctx.note(warning);
  }
}
