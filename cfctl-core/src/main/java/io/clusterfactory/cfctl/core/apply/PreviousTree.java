package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.gitops.CommitRelation;
import io.clusterfactory.cfctl.core.gitops.GitPublisher;
import io.clusterfactory.cfctl.core.gitops.TreeSnapshot;

/**
 * The tree already in Git at the branch cfctl pushes to, read once and only when asked: sealing
 * keeps the sealed bytes of unchanged secrets from it.
 */
public final class PreviousTree {
  private final GitPublisher publisher;
  private final GitopsSpec.Repository repo;
  private final String ref;
  private TreeSnapshot snapshot;

  PreviousTree(GitPublisher publisher, GitopsSpec.Repository repo) {
    this(publisher, repo, null);
  }

  /** The tree at {@code ref} (a branch or commit; null for the repository's branch). */
  PreviousTree(GitPublisher publisher, GitopsSpec.Repository repo, String ref) {
    this.publisher = publisher;
    this.repo = repo;
    this.ref = ref;
  }

  public synchronized byte[] file(String path) {
    return snapshot().files().get(path);
  }

  /** The whole tree at the ref, read on first use. */
  public synchronized TreeSnapshot snapshot() {
    if (snapshot == null) {
      snapshot = publisher.readTree(repo, ref);
    }
    return snapshot;
  }

  /**
   * How the tree's commit relates to {@code earlier} (a commit recorded before), from the history
   * {@link #snapshot()} fetched.
   */
  public CommitRelation relationTo(String earlier) {
    return publisher.relation(repo, earlier, snapshot().commitId());
  }

  public String ref() {
    return ref == null || ref.isBlank() ? repo.branch() : ref.trim();
  }
}
