package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.gitops.GitPublisher;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the tree already in Git (the branch, or {@code --base} for a diff): sealing keeps the
 * sealed bytes of unchanged secrets from it, the diff compares with it, and reading it proves the
 * remote is reachable with the credentials given before any host or object is changed.
 */
public final class ReadPublishedTree implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(ReadPublishedTree.class);

  @Override
  public String title() {
    return "Read the tree published in Git";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.rendered();
  }

  @Override
  public void run(ClusterContext ctx) {
    var snapshot = ctx.previous().snapshot();
    String base = ctx.options().baseRef();
    if (base != null && !base.isBlank() && snapshot.commitId().isEmpty()) {
      // a --base that does not exist is a mistake, never a comparison with an empty tree
      throw new InvalidInputException(
          "--base "
              + base
              + " does not exist in "
              + GitPublisher.displayUrl(ctx.repository().url()),
          "give a branch or a commit that exists on the remote (git ls-remote shows them)");
    }
    logger.info(
        "    {} at {}: {}",
        GitPublisher.displayUrl(ctx.repository().url()),
        ctx.previous().ref(),
        snapshot.commitId() == null || snapshot.commitId().isEmpty()
            ? "no commit yet"
            : snapshot.commitId());
  }
}
