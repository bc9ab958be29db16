package io.clusterfactory.cfctl.core.diff;

import java.util.Collection;
import java.util.function.Function;

/** Counts of changes, like terraform's "Plan: 3 to add, 2 to change, 1 to destroy". */
public record Summary(int create, int update, int delete, int unchanged) {

  public static final Summary EMPTY = new Summary(0, 0, 0, 0);

  public static <T> Summary count(Collection<T> items, Function<T, ChangeKind> change) {
    int[] n = new int[ChangeKind.values().length];
    for (T item : items) {
      n[change.apply(item).ordinal()]++;
    }
    return new Summary(
        n[ChangeKind.CREATE.ordinal()],
        n[ChangeKind.UPDATE.ordinal()],
        n[ChangeKind.DELETE.ordinal()],
        n[ChangeKind.UNCHANGED.ordinal()]);
  }

  public Summary plus(Summary o) {
    return new Summary(
        create + o.create, update + o.update, delete + o.delete, unchanged + o.unchanged);
  }

  /** Number of items that change. */
  public int changes() {
    return create + update + delete;
  }

  /** "3 to create, 2 to update, 1 to delete, 40 unchanged". */
  public String sentence() {
    return create
        + " to create, "
        + update
        + " to update, "
        + delete
        + " to delete, "
        + unchanged
        + " unchanged";
  }
}
