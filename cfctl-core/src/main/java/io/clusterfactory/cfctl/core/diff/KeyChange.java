package io.clusterfactory.cfctl.core.diff;

import java.util.Locale;

/** How one key of a Secret or SealedSecret changed; the values themselves are never shown. */
public enum KeyChange {
  ADDED,
  REMOVED,
  CHANGED,
  UNCHANGED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
