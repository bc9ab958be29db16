package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.gitops.GitPublisher;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
    String base = ctx.options().baseRef();
    boolean baseGiven = base != null && !base.isBlank();
    io.clusterfactory.cfctl.core.gitops.TreeSnapshot snapshot;
    try {
      snapshot = ctx.previous().snapshot();
    } catch (UnreachableException e) {
      Path local = localPath(ctx.repository().url());
      if (baseGiven && local != null && !Files.exists(local)) {
        // nothing to reach: a local path with no repository has no --base in it either
        throw new InvalidInputException(
            "--base "
                + base.trim()
                + " does not exist in "
                + GitPublisher.displayUrl(ctx.repository().url())
                + ": there is no repository at "
                + local,
            "create it (git init --bare "
                + local
                + ") or fix spec.gitops.repository.url, then give a branch or commit in it");
      }
      throw e;
    }
    if (baseGiven && snapshot.commitId().isEmpty()) {
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

  /** The path of a {@code file:} URL or a plain path; null for a remote (ssh, scp-like, http). */
  static Path localPath(String url) {
    try {
      if (url.startsWith("file:")) {
        return Path.of(URI.create(url));
      }
      if (!url.contains(":")) {
        return Path.of(url);
      }
    } catch (RuntimeException e) {
      // not a path we can name: leave the unreachable error as it was
    }
    return null;
  }
}
