package io.clusterfactory.cfctl.core.diff;

import java.util.List;
import java.util.Objects;

/**
 * What applying would do to one host.
 *
 * @param host the host as shown everywhere else ({@code root@10.199.0.11:22})
 * @param role controller, worker, controller+worker, single
 * @param change create (host joins), delete (host leaves), update (version or flags change), or
 *     unchanged
 * @param k0sVersionBefore installed k0s version, {@code ""} when not installed
 * @param k0sVersionAfter k0s version after apply, {@code ""} when the host leaves
 * @param flags install-flag changes
 */
public record HostDiff(
    String host,
    String role,
    ChangeKind change,
    String k0sVersionBefore,
    String k0sVersionAfter,
    List<FlagChange> flags)
    implements Comparable<HostDiff> {

  public HostDiff {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(change, "change");
    role = role == null ? "" : role;
    k0sVersionBefore = k0sVersionBefore == null ? "" : k0sVersionBefore;
    k0sVersionAfter = k0sVersionAfter == null ? "" : k0sVersionAfter;
    flags = flags == null ? List.of() : List.copyOf(flags.stream().sorted().toList());
  }

  /**
   * One install flag (e.g. {@code --labels}) that changes.
   *
   * @param flag the flag name
   * @param before value before, {@code null} when the flag is added
   * @param after value after, {@code null} when the flag is removed
   */
  public record FlagChange(String flag, String before, String after)
      implements Comparable<FlagChange> {
    public FlagChange {
      Objects.requireNonNull(flag, "flag");
    }

    @Override
    public int compareTo(FlagChange o) {
      return flag.compareTo(o.flag);
    }
  }

  @Override
  public int compareTo(HostDiff o) {
    return host.compareTo(o.host);
  }
}
