package io.clusterfactory.cfctl.core.kube;

/** What apply did (or, in a dry run, would do) to one object. */
public enum ObjectOutcome {
  CREATED,
  CONFIGURED,
  UNCHANGED,
  PRUNED;

  /** Lower-case as kubectl prints it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
