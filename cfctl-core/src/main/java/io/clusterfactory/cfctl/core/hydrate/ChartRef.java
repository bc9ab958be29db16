package io.clusterfactory.cfctl.core.hydrate;

/**
 * Where a chart comes from, as an Argo CD Application's Helm source names it.
 *
 * @param kind how it is fetched
 * @param repository the Helm repository URL, the OCI registry reference ({@code oci://host/path})
 *     or the Git repository URL
 * @param chart the chart's name in an HTTP or OCI repository, or its folder in a Git repository
 * @param version the chart version exactly as published (HTTP, OCI) or the Git revision (tag)
 */
public record ChartRef(Kind kind, String repository, String chart, String version) {

  /** How a chart is fetched. */
  public enum Kind {
    HTTP,
    OCI,
    GIT
  }

  /**
   * A short label for messages and locks, e.g. {@code https://charts.jetstack.io cert-manager
   * v1.18.2}.
   */
  public String label() {
    return repository + " " + chart + " " + version;
  }
}
