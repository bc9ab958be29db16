package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.kube.KubeNames;
import io.clusterfactory.cfctl.core.kube.health.ArgoApplication;
import io.clusterfactory.cfctl.core.kube.health.ObjectStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code cfctl status} for the stacks: every ArgoCD Application cfctl manages, sync and health. */
public final class StacksStatus {
  /**
   * One Application: its stack and component labels, sync and health as ArgoCD reports them.
   *
   * @param revision the commit of its first Git source ({@code status.sync.revision} of a
   *     single-source Application, its entry of {@code status.sync.revisions} of a multi-source
   *     one)
   * @param revisions every source's revision, in source order (a chart's is its version)
   * @param problem an error condition or a failed sync with its message, else "" (health and sync
   *     say the rest)
   */
  public record AppStatus(
      String stack,
      String component,
      String name,
      String sync,
      String health,
      String revision,
      List<String> revisions,
      String problem) {
    public AppStatus {
      revisions = List.copyOf(revisions);
    }

    public boolean ok() {
      return "Synced".equals(sync) && "Healthy".equals(health) && problem.isEmpty();
    }
  }

  /** ArgoCD's Application kind, given in full so reading it needs no discovery round trip. */
  public static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext APPLICATION =
      new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind("Application")
          .withPlural("applications")
          .withNamespaced(true)
          .build();

  private StacksStatus() {}

  public static List<AppStatus> read(KubernetesClient client) {
    return read(client, null);
  }

  /** Through {@code calls} (bounded by the run's deadline, retried) when given. */
  public static List<AppStatus> read(
      KubernetesClient client, io.clusterfactory.cfctl.core.kube.KubeCalls calls) {
    java.util.function.Supplier<List<GenericKubernetesResource>> list =
        () -> {
          try {
            return client
                .genericKubernetesResources(APPLICATION)
                .inAnyNamespace()
                .withLabel("app.kubernetes.io/managed-by", "cfctl")
                .list()
                .getItems();
          } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
              return List.of(); // ArgoCD's kinds are not served: nothing deployed yet
            }
            throw e;
          }
        };
    List<GenericKubernetesResource> apps =
        calls == null ? list.get() : calls.call("listing ArgoCD Applications", list);
    List<AppStatus> out = new ArrayList<>();
    for (GenericKubernetesResource app : apps) {
      out.add(of(app));
    }
    out.sort(Comparator.comparing(AppStatus::stack).thenComparing(AppStatus::name));
    return out;
  }

  /** One Application's line, read as Argo CD's controller writes its status. */
  static AppStatus of(GenericKubernetesResource app) {
    Map<String, String> labels =
        app.getMetadata().getLabels() == null ? Map.of() : app.getMetadata().getLabels();
    ArgoApplication argo = new ArgoApplication(new ObjectStatus(app));
    return new AppStatus(
        labels.getOrDefault(KubeNames.STACK_LABEL, ""),
        labels.getOrDefault(KubeNames.COMPONENT_LABEL, ""),
        app.getMetadata().getName(),
        argo.syncStatus(),
        argo.healthStatus(),
        gitRevision(argo),
        argo.syncedRevisions(),
        problem(argo));
  }

  private static String gitRevision(ArgoApplication argo) {
    List<ArgoApplication.Source> sources = argo.comparedSources();
    List<String> revisions = argo.syncedRevisions();
    for (int i = 0; i < sources.size() && i < revisions.size(); i++) {
      if (sources.get(i).isGit()) {
        return revisions.get(i);
      }
    }
    return "";
  }

  private static String problem(ArgoApplication argo) {
    List<String> problems = new ArrayList<>();
    argo.errorConditions().forEach(c -> problems.add(c.toString()));
    String phase = argo.operationPhase();
    if (phase.equals("Failed") || phase.equals("Error")) {
      problems.add(
          "sync to "
              + ArgoApplication.describe(argo.operationRevisions())
              + " "
              + phase
              + (argo.operationMessage().isEmpty() ? "" : ": " + argo.operationMessage()));
    }
    return String.join("; ", problems);
  }
}
