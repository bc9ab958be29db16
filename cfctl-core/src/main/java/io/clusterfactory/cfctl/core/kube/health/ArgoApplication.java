package io.clusterfactory.cfctl.core.kube.health;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An Argo CD Application's status read the way Argo CD's controller writes it (argoproj/argo-cd
 * {@code controller/state.go} CompareAppState, {@code controller/appcontroller.go}): an Application
 * with {@code spec.sources} (even one entry) is multi-source, and its comparison is in {@code
 * status.sync.revisions}, one entry per source (the chart version of a chart source, the commit of
 * a Git source, the commit of a {@code ref} source), with {@code status.sync.revision} left empty;
 * a single-source Application ({@code spec.source}) has {@code status.sync.revision} only. The same
 * split holds for {@code status.operationState.syncResult} and {@code operation.sync}.
 */
public final class ArgoApplication {
  /** One source as Argo CD compares it: the fields that decide what is rendered. */
  public record Source(
      String repoUrl, String chart, String path, String targetRevision, String ref) {
    static Source of(Object raw) {
      Map<?, ?> m = raw instanceof Map<?, ?> map ? map : Map.of();
      return new Source(
          text(m.get("repoURL")),
          text(m.get("chart")),
          text(m.get("path")),
          text(m.get("targetRevision")),
          text(m.get("ref")));
    }

    /** A Git source: no chart and not an OCI artifact, so its revision is a commit. */
    public boolean isGit() {
      return chart.isEmpty() && !repoUrl.startsWith("oci://");
    }
  }

  /** An error condition: Argo CD calls every condition type ending in "Error" an error. */
  public record Condition(String type, String message) {
    @Override
    public String toString() {
      return message.isEmpty() ? type : type + ": " + message;
    }
  }

  private final ObjectStatus app;

  public ArgoApplication(ObjectStatus app) {
    this.app = app;
  }

  /** {@code spec.sources} set (and no source hydrator): Argo CD's HasMultipleSources. */
  public boolean multiSource() {
    return app.at("spec", "sourceHydrator").isEmpty() && !list("spec", "sources").isEmpty();
  }

  public List<Source> specSources() {
    return multiSource()
        ? list("spec", "sources").stream().map(Source::of).toList()
        : app.at("spec", "source").map(s -> List.of(Source.of(s))).orElse(List.of());
  }

  public String syncStatus() {
    return app.string("status", "sync", "status").orElse("Unknown");
  }

  public String healthStatus() {
    return app.string("status", "health", "status").orElse("Unknown");
  }

  /** {@code status.health.message}: Argo CD 3.5+ names the resources that caused the health. */
  public String healthMessage() {
    return app.string("status", "health", "message").orElse("");
  }

  /**
   * Unhealthy resources as Argo CD 2.x persists them in {@code status.resources[].health}; Argo CD
   * 3.0+ keeps them out of the Application ({@code status.resourceHealthSource: appTree}).
   */
  public List<String> unhealthyResources() {
    List<String> out = new ArrayList<>();
    for (Object r : list("status", "resources")) {
      if (!(r instanceof Map<?, ?> m) || !(m.get("health") instanceof Map<?, ?> h)) {
        continue;
      }
      String status = text(h.get("status"));
      if (status.isEmpty() || status.equals("Healthy")) {
        continue;
      }
      String ns = text(m.get("namespace"));
      String message = text(h.get("message"));
      out.add(
          text(m.get("kind"))
              + " "
              + (ns.isEmpty() ? "" : ns + "/")
              + text(m.get("name"))
              + " "
              + status
              + (message.isEmpty() ? "" : ": " + message));
    }
    return out;
  }

  public boolean healthInAppTree() {
    return "appTree".equals(app.string("status", "resourceHealthSource").orElse(""));
  }

  /** The revisions of the last comparison, one per source ({@link #comparedSources()}). */
  public List<String> syncedRevisions() {
    return multiSource()
        ? list("status", "sync", "revisions").stream().map(ArgoApplication::text).toList()
        : app.string("status", "sync", "revision").map(List::of).orElse(List.of());
  }

  /** The sources of the last comparison ({@code status.sync.comparedTo}), else the spec's. */
  public List<Source> comparedSources() {
    return comparedTo().orElse(specSources());
  }

  /**
   * Whether the last comparison was of the sources the spec has now; true when the status does not
   * say (an Application never compared has no revision either).
   */
  public boolean comparedCurrentSpec() {
    return comparedTo().map(c -> c.equals(specSources())).orElse(true);
  }

  private Optional<List<Source>> comparedTo() {
    if (multiSource()) {
      List<Object> sources = list("status", "sync", "comparedTo", "sources");
      return sources.isEmpty()
          ? Optional.empty()
          : Optional.of(sources.stream().map(Source::of).toList());
    }
    return app.at("status", "sync", "comparedTo", "source").map(s -> List.of(Source.of(s)));
  }

  /** {@code status.operationState.phase}: Running, Terminating, Succeeded, Failed, Error or "". */
  public String operationPhase() {
    return app.string("status", "operationState", "phase").orElse("");
  }

  public String operationMessage() {
    return app.string("status", "operationState", "message").orElse("");
  }

  /**
   * The revisions the last operation synced (its {@code syncResult}), else those it was asked for
   * ({@code operation.sync}), with the sources they belong to.
   */
  public List<String> operationRevisions() {
    for (String[] base :
        new String[][] {
          {"status", "operationState", "syncResult"},
          {"status", "operationState", "operation", "sync"}
        }) {
      List<String> revisions = revisionsAt(base);
      if (!revisions.isEmpty()) {
        return revisions;
      }
    }
    return List.of();
  }

  public List<Source> operationSources() {
    String[] base = {"status", "operationState", "syncResult"};
    if (multiSource()) {
      List<Object> sources = list(concat(base, "sources"));
      if (!sources.isEmpty()) {
        return sources.stream().map(Source::of).toList();
      }
    } else {
      Optional<Object> source = app.at(concat(base, "source"));
      if (source.isPresent()) {
        return List.of(Source.of(source.get()));
      }
    }
    return specSources();
  }

  private List<String> revisionsAt(String[] base) {
    if (multiSource()) {
      return list(concat(base, "revisions")).stream().map(ArgoApplication::text).toList();
    }
    return app.string(concat(base, "revision"))
        .filter(r -> !r.isEmpty())
        .map(List::of)
        .orElse(List.of());
  }

  /** Conditions whose type ends in "Error" (ComparisonError, InvalidSpecError, SyncError...). */
  public List<Condition> errorConditions() {
    List<Condition> out = new ArrayList<>();
    for (Object c : list("status", "conditions")) {
      if (c instanceof Map<?, ?> m && text(m.get("type")).endsWith("Error")) {
        out.add(new Condition(text(m.get("type")), text(m.get("message"))));
      }
    }
    return out;
  }

  /** {@code status.reconciledAt}: when the controller last compared with the latest revision. */
  public Optional<Instant> reconciledAt() {
    try {
      return app.string("status", "reconciledAt").map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether every Git source of {@code repoUrl} (every Git source when null) is at {@code commit}
   * in {@code revisions}, matched by index with {@code sources}; with no sources known, whether
   * {@code revisions} has the commit.
   */
  public static boolean atCommit(
      List<Source> sources, List<String> revisions, String repoUrl, String commit) {
    if (sources.isEmpty()) {
      return revisions.contains(commit);
    }
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      boolean ours = repoUrl == null ? s.isGit() : s.isGit() && sameRepo(s.repoUrl(), repoUrl);
      if (ours && (i >= revisions.size() || !commit.equals(revisions.get(i)))) {
        return false;
      }
    }
    return true;
  }

  /** Repository URLs compared as Argo CD normalises them: case, trailing slash and ".git". */
  static boolean sameRepo(String a, String b) {
    return normalise(a).equals(normalise(b));
  }

  private static String normalise(String url) {
    String u = url.trim().toLowerCase(Locale.ROOT);
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
  }

  /** Revisions for a message: commits cut to 12 characters, as Argo CD's UI shows them. */
  public static String describe(List<String> revisions) {
    if (revisions.isEmpty()) {
      return "none";
    }
    List<String> shown =
        revisions.stream()
            .map(r -> r.matches("[0-9a-f]{40}") ? r.substring(0, 12) : r.isEmpty() ? "-" : r)
            .toList();
    return shown.size() == 1 ? shown.get(0) : String.join(", ", shown);
  }

  private List<Object> list(String... path) {
    return app.at(path)
        .map(v -> v instanceof List<?> l ? List.<Object>copyOf(nonNull(l)) : null)
        .orElse(List.of());
  }

  private static List<Object> nonNull(List<?> l) {
    return l.stream().filter(Objects::nonNull).map(Object.class::cast).toList();
  }

  private static String[] concat(String[] base, String last) {
    String[] out = java.util.Arrays.copyOf(base, base.length + 1);
    out[base.length] = last;
    return out;
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }
}
