package io.clusterfactory.cfctl.core.diff;

import java.util.Objects;

/**
 * One field of an object that changes, e.g. {@code spec.template.spec.containers[0].image}: {@code
 * v3.4 -> v3.5}. Values are taken from the normalised, masked sides, so a Secret's value reads
 * {@code *** (before)} / {@code *** (after)}, never itself.
 *
 * @param path the field's path: dotted keys, {@code [n]} for list items, {@code ["k.e.y"]} for a
 *     key that is not a plain word (labels, annotations)
 * @param before the value before, written compactly (JSON for maps and lists); null when the field
 *     is added
 * @param after the value after; null when the field is removed
 */
public record FieldChange(String path, String before, String after)
    implements Comparable<FieldChange> {
  public FieldChange {
    Objects.requireNonNull(path, "path");
  }

  /** {@code path before -> after}, with {@code (none)} for an absent side. */
  public String sentence() {
    return path
        + " "
        + (before == null ? "(none)" : before)
        + " -> "
        + (after == null ? "(none)" : after);
  }

  @Override
  public int compareTo(FieldChange o) {
    return path.compareTo(o.path);
  }
}
