package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.gitops.CommitRelation;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code apply --restore-from}: the tree in Git against the commit the backup recorded. That commit
 * or a descendant of it is fine (the site went on committing after the backup); anything else (a
 * forked history, a commit Git does not have, no commit at all) gets a warning with both, since the
 * restored cluster state (and its keys) belongs to the recorded tree.
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
    String warning = warning(recorded, now, ctx.previous().relationTo(recorded));
    if (warning == null) {
      logger.info(
          "    Git is at {}{}",
          now,
          recorded.equals(now)
              ? ", the backup's tree commit"
              : ", newer than the backup's " + recorded);
      return;
    }
    logger.warn("    {}", warning);
    ctx.note(warning);
  }

  /**
   * The warning for Git's commit against the recorded one; null when Git is that commit or newer.
   */
  static String warning(String recorded, String now, CommitRelation relation) {
    if (relation == CommitRelation.SAME || relation == CommitRelation.NEWER) {
      return null;
    }
    boolean noCommit = now == null || now.isEmpty();
    String where = noCommit ? "no commit" : now;
    String why =
        switch (relation) {
          case DIVERGED -> " is not a descendant of the backup's tree commit ";
          default -> " does not contain the backup's tree commit ";
        };
    return "Git's tree at "
        + where
        + why
        + recorded
        + ": the restored cluster's state and keys belong to that tree; check that Git holds the"
        + " same tree or a newer one (git merge-base --is-ancestor "
        + recorded
        + " "
        + (noCommit ? "HEAD" : now)
        + ")";
  }
}
