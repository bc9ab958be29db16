package io.clusterfactory.cfctl.core.kube.health;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Argo CD {@code argoproj.io/Application}, read as {@link ArgoApplication} describes the real
 * controller's status: ready when the last comparison is of the current sources, at the commit
 * cfctl pushed (for a multi-source Application: every Git source of the GitOps repository has it in
 * {@code status.sync.revisions} at its index), Synced, Healthy, with no operation running.
 *
 * <p>Failed, not waited on: a sync operation Failed or Error at the pushed commit (Argo CD's
 * auto-sync never retries a revision it failed to sync), an InvalidSpecError, and any other error
 * condition (ComparisonError, SyncError...) of a comparison made since the wait began. An older
 * failure is shown in the reason while cfctl waits for Argo CD to look at the new commit, since a
 * failure before the push says nothing about the pushed commit.
 */
public final class ApplicationHealth implements HealthCheck {
  private final String expectedRevision;
  private final String gitopsRepoUrl;
  private final Instant comparedAfter;

  /**
   * @param expectedRevision the Git commit the Application must have synced, or null for any
   */
  public ApplicationHealth(String expectedRevision) {
    this(expectedRevision, null, null);
  }

  /**
   * @param expectedRevision the Git commit the Application must have synced, or null for any
   * @param gitopsRepoUrl the repository cfctl pushed it to, as Applications name it; null: every
   *     Git source must have the commit
   * @param comparedAfter when the wait began: an error condition is the pushed commit's only if
   *     Argo CD compared since ({@code status.reconciledAt}); null: every condition counts
   */
  public ApplicationHealth(String expectedRevision, String gitopsRepoUrl, Instant comparedAfter) {
    this.expectedRevision = expectedRevision;
    this.gitopsRepoUrl = gitopsRepoUrl;
    this.comparedAfter =
        comparedAfter == null ? null : comparedAfter.truncatedTo(ChronoUnit.SECONDS);
  }

  @Override
  public String groupKind() {
    return "Application.argoproj.io";
  }

  @Override
  public Health check(ObjectStatus status) {
    ArgoApplication app = new ArgoApplication(status);
    String older = "";

    List<ArgoApplication.Condition> errors = app.errorConditions();
    if (!errors.isEmpty()) {
      String described = errors.stream().map(Object::toString).collect(Collectors.joining("; "));
      boolean specError = errors.stream().anyMatch(c -> c.type().equals("InvalidSpecError"));
      if (specError || conditionsAreCurrent(app)) {
        return Health.failed(described);
      }
      older = "; before comparing " + short12(expectedRevision) + " Argo CD reported " + described;
    }

    String phase = app.operationPhase();
    if (phase.equals("Failed") || phase.equals("Error")) {
      String failed =
          "sync to "
              + ArgoApplication.describe(app.operationRevisions())
              + " "
              + phase
              + (app.operationMessage().isEmpty() ? "" : ": " + app.operationMessage());
      if (expectedRevision == null
          || app.operationRevisions().isEmpty()
          || ArgoApplication.atCommit(
              app.operationSources(), app.operationRevisions(), gitopsRepoUrl, expectedRevision)) {
        return Health.failed(failed);
      }
      older += "; last " + failed;
    }
    String health = app.healthStatus();
    String sync = app.syncStatus();
    if (phase.equals("Running") || phase.equals("Terminating")) {
      return Health.inProgress(
          "sync operation "
              + phase
              + (app.operationMessage().isEmpty() ? "" : " (" + app.operationMessage() + ")")
              + ", health "
              + health
              + ", sync "
              + sync
              + older);
    }
    if (!app.comparedCurrentSpec()) {
      return Health.inProgress("Argo CD has not compared the current sources yet" + older);
    }
    if (expectedRevision != null && !atExpectedRevision(app)) {
      return Health.inProgress(
          "synced revision "
              + ArgoApplication.describe(app.syncedRevisions())
              + ", waiting for "
              + short12(expectedRevision)
              + older);
    }
    if (!health.equals("Healthy") || !sync.equals("Synced")) {
      return Health.inProgress("health " + health + healthDetail(app) + ", sync " + sync + older);
    }
    return Health.CURRENT;
  }

  private boolean atExpectedRevision(ArgoApplication app) {
    return ArgoApplication.atCommit(
        app.comparedSources(), app.syncedRevisions(), gitopsRepoUrl, expectedRevision);
  }

  /** Conditions are recomputed at each comparison; one made before the push may be stale. */
  private boolean conditionsAreCurrent(ArgoApplication app) {
    if (expectedRevision == null || comparedAfter == null || atExpectedRevision(app)) {
      return true;
    }
    return app.reconciledAt().map(t -> !t.isBefore(comparedAfter)).orElse(true);
  }

  private static String healthDetail(ArgoApplication app) {
    if (app.healthStatus().equals("Healthy")) {
      return "";
    }
    if (!app.healthMessage().isEmpty()) {
      return ": " + app.healthMessage();
    }
    List<String> resources = app.unhealthyResources();
    if (!resources.isEmpty()) {
      return ": "
          + String.join(", ", resources.subList(0, Math.min(3, resources.size())))
          + (resources.size() > 3 ? " and " + (resources.size() - 3) + " more" : "");
    }
    return app.healthInAppTree()
        ? " (Argo CD 3 keeps resource health out of the Application: argocd app get)"
        : "";
  }

  private static String short12(String revision) {
    return revision == null ? "" : ArgoApplication.describe(List.of(revision));
  }
}
