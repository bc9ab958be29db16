package io.clusterfactory.cfctl.core.diff;

import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.gitops.GitPublisher;
import io.clusterfactory.cfctl.core.gitops.TreeSnapshot;
import java.util.SortedMap;

/**
 * The offline diff: the tree rendered from a (PR's) cluster.yaml against the owned folder at the
 * base branch in Git. Needs read access to the repository only, no cluster credentials.
 */
public final class OfflineDiff {
  private OfflineDiff() {}

  /**
   * @param publisher reads the repository (fetches into its cache)
   * @param repository url, branch and owned folder
   * @param rendered the rendered tree, paths relative to the owned folder
   * @param baseRef branch or commit to compare with; null for {@code repository.branch()}
   * @return the Git section; the CLI adds it to a {@link DiffReport}
   */
  public static GitSection gitSection(
      GitPublisher publisher,
      GitopsSpec.Repository repository,
      SortedMap<String, byte[]> rendered,
      String baseRef) {
    String ref = baseRef == null || baseRef.isBlank() ? repository.branch() : baseRef.trim();
    TreeSnapshot base = publisher.readTree(repository, ref);
    return GitTreeDiffer.compare(
        GitPublisher.displayUrl(repository.url()),
        ref,
        GitPublisher.ownedFolder(repository),
        base.commitId(),
        base.files(),
        rendered);
  }
}
