package io.clusterfactory.cfctl.core.hydrate;

/**
 * An Application whose chart could not be hydrated, and why (no network, repository down, digest
 * refused). Never dropped silently: diff reports it, apply refuses unless told {@code
 * --no-hydrate}.
 */
public record Unhydrated(String application, ChartRef chart, String reason) {

  /** What a reason says when the chart's digest is not the lock's (bad input, not the network). */
  public static final String LOCK_REFUSED = "differs from the lock";

  /**
   * What a reason says when cfctl cannot hydrate this kind of chart source yet (OCI, Git): a gap of
   * cfctl, not of the user's network or input, so apply warns instead of refusing.
   */
  public static final String NOT_SUPPORTED = "chart sources are not hydrated yet by cfctl";

  /** True when the chart was pulled but refused by the lock. */
  public boolean lockRefused() {
    return reason.contains(LOCK_REFUSED);
  }

  /**
   * True when cfctl does not hydrate this kind of chart source yet (see {@link #NOT_SUPPORTED}).
   */
  public boolean notSupported() {
    return reason.contains(NOT_SUPPORTED);
  }
}
