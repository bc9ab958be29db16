package io.clusterfactory.cfctl.core.diff;

import java.util.List;

/**
 * The Git tree part of a diff: the files under the owned folder compared with a base.
 *
 * @param repository the repository URL (never with credentials)
 * @param branch the branch or ref compared against
 * @param path the owned folder, e.g. {@code clusters/lab}
 * @param baseCommit the commit compared against; {@code ""} when the branch does not exist yet
 * @param files every file on either side, sorted by path (unchanged files included, so counts are
 *     complete; outputs show only changed ones)
 */
public record GitSection(
    String repository, String branch, String path, String baseCommit, List<FileDiff> files) {
  public GitSection {
    repository = repository == null ? "" : repository;
    branch = branch == null ? "" : branch;
    path = path == null ? "" : path;
    baseCommit = baseCommit == null ? "" : baseCommit;
    files = files == null ? List.of() : List.copyOf(files.stream().sorted().toList());
  }

  public Summary summary() {
    return Summary.count(files, FileDiff::change);
  }

  public boolean hasChanges() {
    return summary().changes() > 0;
  }
}
