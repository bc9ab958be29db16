package io.clusterfactory.cfctl.core.gitops;

/** How a later commit relates to an earlier one in a repository's history. */
public enum CommitRelation {
  /** The same commit. */
  SAME,
  /** The earlier commit is an ancestor of the later one. */
  NEWER,
  /** Both exist, and the earlier one is not an ancestor of the later one (history forked). */
  DIVERGED,
  /** One of them is not in the history read (another repository, or rewritten history). */
  UNKNOWN
}
