package io.clusterfactory.cfctl.core.diff;

import java.util.Objects;

/**
 * An Application whose chart could not be hydrated, so its objects were not compared. Listed in
 * every output; it makes the diff incomplete, not changed.
 *
 * @param application the Application's name
 * @param chart the chart's label ({@code repository chart version})
 * @param reason why, as the hydrator says it
 * @param side {@code ""} for the tree being applied, {@code "base"} for the base tree of an offline
 *     diff
 */
public record NotHydrated(String application, String chart, String reason, String side)
    implements Comparable<NotHydrated> {
  public NotHydrated {
    Objects.requireNonNull(application, "application");
    chart = chart == null ? "" : chart;
    reason = reason == null ? "" : reason;
    side = side == null ? "" : side;
  }

  /** {@code could not hydrate network-traefik (https://... traefik 37.1.0): connection refused}. */
  public String sentence() {
    return "could not hydrate "
        + application
        + (side.isEmpty() ? "" : " in the " + side + " tree")
        + (chart.isEmpty() ? "" : " (" + chart + ")")
        + ": "
        + reason;
  }

  /**
   * True when the tree being applied has this chart refused by the lock: apply would refuse the
   * same input, so the diff exits as for invalid input (docs/diff.md).
   */
  public boolean refusedByTheLock() {
    return side.isEmpty()
        && reason.contains(io.clusterfactory.cfctl.core.hydrate.Unhydrated.LOCK_REFUSED);
  }

  /**
   * True when the tree being applied has this chart unhydrated for a reason other than the lock or
   * a source kind cfctl does not hydrate yet (a repository that cannot be reached, a template that
   * fails): apply would stop before touching anything (exit 3), so the diff exits 3 too.
   */
  public boolean blocksApply() {
    return side.isEmpty()
        && !refusedByTheLock()
        && !reason.contains(io.clusterfactory.cfctl.core.hydrate.Unhydrated.NOT_SUPPORTED);
  }

  @Override
  public int compareTo(NotHydrated o) {
    int c = application.compareTo(o.application);
    return c != 0 ? c : side.compareTo(o.side);
  }
}
