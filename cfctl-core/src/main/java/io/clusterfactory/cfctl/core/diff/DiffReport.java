package io.clusterfactory.cfctl.core.diff;

import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code cfctl apply} would change, in four sections. A section is {@code null} when it was
 * not compared (not selected with {@code --only}, or offline); {@link #notes()} then says why, so
 * every output can show it.
 *
 * @param hosts hosts section or null
 * @param git Git tree section or null
 * @param live live objects section or null
 * @param hydrated the objects charts render, compared per Application (with the cluster, or offline
 *     with the base tree's); null when nothing was hydrated (no hydrator)
 * @param notes human-readable remarks, e.g. "live objects: not compared (offline mode)"
 */
public record DiffReport(
    HostsSection hosts,
    GitSection git,
    LiveSection live,
    HydratedSection hydrated,
    List<String> notes) {

  /** Version of the JSON schema written by {@link DiffJsonWriter}; see docs/diff.md. */
  public static final int SCHEMA_VERSION = 1;

  public DiffReport {
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** A report without hydrated objects. */
  public DiffReport(HostsSection hosts, GitSection git, LiveSection live, List<String> notes) {
    this(hosts, git, live, null, notes);
  }

  public static DiffReport ofGit(GitSection git, List<String> notes) {
    return new DiffReport(null, git, null, notes);
  }

  public DiffReport withHosts(HostsSection section) {
    return new DiffReport(section, git, live, hydrated, notes);
  }

  public DiffReport withGit(GitSection section) {
    return new DiffReport(hosts, section, live, hydrated, notes);
  }

  public DiffReport withLive(LiveSection section) {
    return new DiffReport(hosts, git, section, hydrated, notes);
  }

  public DiffReport withHydrated(HydratedSection section) {
    return new DiffReport(hosts, git, live, section, notes);
  }

  public DiffReport withNote(String note) {
    return new DiffReport(
        hosts, git, live, hydrated, Stream.concat(notes.stream(), Stream.of(note)).toList());
  }

  /** Counts over all sections that were compared. */
  public Summary summary() {
    Summary s = Summary.EMPTY;
    if (hosts != null) {
      s = s.plus(hosts.summary());
    }
    if (git != null) {
      s = s.plus(git.summary());
    }
    if (live != null) {
      s = s.plus(live.summary());
    }
    if (hydrated != null) {
      s = s.plus(hydrated.summary());
    }
    return s;
  }

  /** True when applying would change anything. */
  public boolean hasChanges() {
    return (hosts != null && hosts.hasChanges())
        || (git != null && git.hasChanges())
        || (live != null && live.hasChanges())
        || (hydrated != null && hydrated.hasChanges());
  }

  /**
   * True when a chart of the tree being applied was refused by the lock (its archive is not the
   * pinned one): the diff is printed, and exits as for invalid input.
   */
  public boolean lockRefused() {
    return hydrated != null
        && hydrated.notCompared().stream().anyMatch(NotHydrated::refusedByTheLock);
  }

  /**
   * True when a chart of the tree being applied could not be hydrated (not pulled, or its template
   * failed): {@code apply} would stop on it, exit 3.
   */
  public boolean hydrationBlocksApply() {
    return hydrated != null && hydrated.notCompared().stream().anyMatch(NotHydrated::blocksApply);
  }

  /** True when some Application could not be hydrated, so its objects are missing here. */
  public boolean incomplete() {
    return hydrated != null && hydrated.incomplete();
  }
}
