package io.clusterfactory.cfctl.core.gitops;

import java.util.List;

/**
 * What publishing did.
 *
 * @param outcome committed, unchanged, or planned (dry run: would commit)
 * @param commitId the new commit; for {@code UNCHANGED} the remote head (empty when the branch does
 *     not exist and nothing was to be published); empty for {@code PLANNED}
 * @param branch the branch
 * @param added files added, relative to the owned folder, sorted
 * @param changed files changed, sorted
 * @param removed files removed, sorted
 * @param attempts pushes tried (more than 1 when the remote moved meanwhile)
 */
public record PublishResult(
    Outcome outcome,
    String commitId,
    String branch,
    List<String> added,
    List<String> changed,
    List<String> removed,
    int attempts) {

  public enum Outcome {
    COMMITTED,
    UNCHANGED,
    PLANNED
  }

  public PublishResult {
    commitId = commitId == null ? "" : commitId;
    added = List.copyOf(added);
    changed = List.copyOf(changed);
    removed = List.copyOf(removed);
  }

  /** The commit id, or "unchanged" / "planned". */
  public String commitOrStatus() {
    return switch (outcome) {
      case COMMITTED -> commitId;
      case UNCHANGED -> "unchanged";
      case PLANNED -> "planned";
    };
  }
}
