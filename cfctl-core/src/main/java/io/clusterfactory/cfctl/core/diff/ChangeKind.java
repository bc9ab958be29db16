package io.clusterfactory.cfctl.core.diff;

import java.util.Locale;

/** What applying would do to one item (a host, a file, a live object). */
public enum ChangeKind {
  CREATE,
  UPDATE,
  DELETE,
  UNCHANGED;

  /** Lower-case name used in every output format ({@code create}, {@code update}, ...). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isChange() {
    return this != UNCHANGED;
  }
}
