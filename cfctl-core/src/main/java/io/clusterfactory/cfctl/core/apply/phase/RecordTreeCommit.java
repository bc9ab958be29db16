package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** backup: the Git commit of the published tree, read (never written) for the manifest. */
public final class RecordTreeCommit implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(RecordTreeCommit.class);

  @Override
  public String title() {
    return "Record the published tree's commit";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    var g = ctx.config().cluster().spec().gitops();
    return ctx.backup() != null
        && g != null
        && g.repository() != null
        && g.repository().url() != null;
  }

  @Override
  public void run(ClusterContext ctx) {
    String commit = ctx.previous().snapshot().commitId();
    if (commit == null || commit.isEmpty()) {
      logger.warn("    no tree published in Git yet: the backup records no commit");
      return;
    }
    logger.info("    published tree at {}", commit);
    ctx.backup().treeCommit(commit);
  }
}
