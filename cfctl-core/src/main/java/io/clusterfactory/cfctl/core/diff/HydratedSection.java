package io.clusterfactory.cfctl.core.diff;

import java.util.List;

/**
 * The objects Helm renders for the tree's chart-sourced Applications, compared per Application with
 * the cluster (live diff) or with the base tree's hydrated objects (offline diff).
 *
 * @param against what was compared with: the API server URL, or {@code git <branch> at <commit>}
 * @param applications one entry per compared Application, sorted by name
 * @param notCompared Applications that could not be hydrated, sorted by name
 */
public record HydratedSection(
    String against, List<ApplicationDiff> applications, List<NotHydrated> notCompared) {
  public HydratedSection {
    against = against == null ? "" : against;
    applications =
        applications == null ? List.of() : List.copyOf(applications.stream().sorted().toList());
    notCompared =
        notCompared == null ? List.of() : List.copyOf(notCompared.stream().sorted().toList());
  }

  public Summary summary() {
    Summary s = Summary.EMPTY;
    for (ApplicationDiff a : applications) {
      s = s.plus(a.summary());
    }
    return s;
  }

  public boolean hasChanges() {
    return summary().changes() > 0;
  }

  /** True when some Application could not be hydrated: the comparison misses its objects. */
  public boolean incomplete() {
    return !notCompared.isEmpty();
  }

  /** The note every format shows for an incomplete comparison. */
  public String incompleteNote() {
    return "the diff is incomplete: "
        + notCompared.size()
        + (notCompared.size() == 1 ? " Application" : " Applications")
        + " could not be hydrated, their objects were not compared";
  }
}
