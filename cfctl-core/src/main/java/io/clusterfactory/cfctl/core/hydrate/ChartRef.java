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
   * The chart an Argo CD Application source names, as Argo CD fetches it: a {@code chart} from a
   * Helm repository, or from an OCI registry when the repoURL is {@code oci://} or has no scheme
   * (Argo CD's form for OCI Helm repositories); a {@code path} with {@code helm} settings from Git.
   * Null when the source is neither.
   */
  public static ChartRef of(com.fasterxml.jackson.databind.JsonNode source) {
    String repo = source.path("repoURL").asText("");
    String rev = source.path("targetRevision").asText("");
    if (source.hasNonNull("chart")) {
      Kind kind = repo.startsWith("oci://") || !repo.contains("://") ? Kind.OCI : Kind.HTTP;
      return new ChartRef(kind, repo, source.get("chart").asText(), rev);
    }
    if (source.has("helm") && source.hasNonNull("path")) {
      return new ChartRef(Kind.GIT, repo, source.get("path").asText(), rev);
    }
    return null;
  }

  /**
   * A short label for messages and locks, e.g. {@code https://charts.jetstack.io cert-manager
   * v1.18.2}.
   */
  public String label() {
    return repository + " " + chart + " " + version;
  }
}
