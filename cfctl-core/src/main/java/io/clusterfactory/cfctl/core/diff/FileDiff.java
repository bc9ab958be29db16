package io.clusterfactory.cfctl.core.diff;

import java.util.List;
import java.util.Objects;

/**
 * One file under the owned folder of the GitOps repository.
 *
 * @param path path relative to the owned folder, with {@code /} separators
 * @param change create (added), update (changed), delete (removed) or unchanged
 * @param unifiedDiff unified diff of the file; {@code ""} when unchanged; for secret-bearing files
 *     (Secret/SealedSecret manifests) values are masked
 * @param secretKeys per-key changes for secret-bearing files, empty otherwise
 */
public record FileDiff(
    String path, ChangeKind change, String unifiedDiff, List<SecretKeyDiff> secretKeys)
    implements Comparable<FileDiff> {

  public FileDiff {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(change, "change");
    unifiedDiff = unifiedDiff == null ? "" : unifiedDiff;
    secretKeys =
        secretKeys == null ? List.of() : List.copyOf(secretKeys.stream().sorted().toList());
  }

  /**
   * The component a file belongs to for grouping output: its first folder ({@code network} for
   * {@code network/metallb.yaml}), or {@code ""} for top-level files.
   */
  public String component() {
    int slash = path.indexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  @Override
  public int compareTo(FileDiff o) {
    return path.compareTo(o.path);
  }
}
