package io.clusterfactory.cfctl.core.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for the controllers of a real cluster on the mock API server: marks Applications Synced
 * and Healthy at the given revision, in the status shapes of Argo CD's controller ({@link
 * #syncedStatus}), Jobs complete and Deployments available, like the job and deployment controllers
 * would. It only writes status, never spec. ArgoCD's kinds are served once its CRDs are applied
 * (the mock API establishes CRDs) or after {@link #installArgocdCrds}.
 */
public final class FakeArgo implements AutoCloseable {
  private final io.clusterfactory.cfctl.core.kube.MockCluster cluster;
  private final KubernetesClient client;
  private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicReference<String> revision = new AtomicReference<>("");
  private final Thread thread;
  private volatile boolean running = true;

  public FakeArgo(io.clusterfactory.cfctl.core.kube.MockCluster cluster) {
    this.cluster = cluster;
    this.client = cluster.client();
    this.thread = new Thread(this::loop, "fake-argo");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Reports whatever commit is at the head of {@code branch} in the bare repository, as ArgoCD
   * syncing that branch would, until closed.
   */
  public FakeArgo following(java.nio.file.Path bareRepository, String branch) {
    Thread follower =
        new Thread(
            () -> {
              while (running) {
                try (var git = org.eclipse.jgit.api.Git.open(bareRepository.toFile())) {
                  var head = git.getRepository().resolve("refs/heads/" + branch);
                  syncedRevision(head == null ? null : head.name());
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  // the repository may be mid-push; read again
                }
              }
            },
            "fake-argo-follower");
    follower.setDaemon(true);
    follower.start();
    return this;
  }

  private volatile String sealingCertificate;
  private volatile boolean controllerStarted;

  /**
   * Once the sealed-secrets Application is reported healthy, the controller "runs": its Service
   * exists and serves {@code certificatePem} at {@code /v1/cert.pem} through the service proxy, as
   * on a real cluster after the gitops stack.
   */
  public FakeArgo sealedSecretsController(String certificatePem) {
    this.sealingCertificate = certificatePem;
    return this;
  }

  private void startSealedSecretsController() {
    client
        .services()
        .inNamespace("sealed-secrets")
        .resource(sealedSecretsService())
        .createOr(existing -> existing.update());
    cluster
        .dispatcher()
        .serveRaw(
            "/api/v1/namespaces/sealed-secrets/services/http:sealed-secrets:http/proxy/v1/cert.pem",
            sealingCertificate);
    controllerStarted = true;
  }

  /** The commit Applications report as synced. */
  public void syncedRevision(String commit) {
    String next = commit == null ? "" : commit;
    if (!next.equals(revision.getAndSet(next))) {
      syncedAt =
          java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
  }

  private volatile String syncedAt =
      java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();

  private void loop() {
    while (running) {
      try {
        // Each kind on its own: Applications are not served until ArgoCD's CRDs are applied.
        tryMark("batch/v1", "Job", FakeArgo::jobDone);
        tryMark("apps/v1", "Deployment", FakeArgo::deploymentAvailable);
        tryMark("argoproj.io/v1alpha1", "Application", this::appStatus);
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the mock may be shutting down; keep trying until closed
      }
    }
  }

  /** Every replica of a Deployment is up, as the deployment controller reports it. */
  private static Map<String, Object> deploymentAvailable(GenericKubernetesResource d) {
    Object spec = d.getAdditionalProperties().get("spec");
    Object replicas =
        spec instanceof Map<?, ?> m && m.get("replicas") != null ? m.get("replicas") : 1;
    Map<String, Object> status = new java.util.LinkedHashMap<>();
    status.put("replicas", replicas);
    status.put("updatedReplicas", replicas);
    status.put("readyReplicas", replicas);
    status.put("availableReplicas", replicas);
    status.put("conditions", List.of(Map.of("type", "Available", "status", "True")));
    return status;
  }

  /** A Job completes. */
  private static Map<String, Object> jobDone(GenericKubernetesResource job) {
    return Map.of(
        "succeeded", 1, "conditions", List.of(Map.of("type", "Complete", "status", "True")));
  }

  /** The sealed-secrets controller's Service, as its chart installs it. */
  public static io.fabric8.kubernetes.api.model.Service sealedSecretsService() {
    return new io.fabric8.kubernetes.api.model.ServiceBuilder()
        .withNewMetadata()
        .withName("sealed-secrets")
        .withNamespace("sealed-secrets")
        .endMetadata()
        .withNewSpec()
        .addNewPort()
        .withName("http")
        .withPort(8080)
        .endPort()
        .endSpec()
        .build();
  }

  /** A cluster where ArgoCD already runs: its kinds are served and its namespace exists. */
  public static void installRunningArgocd(io.clusterfactory.cfctl.core.kube.MockCluster cluster) {
    installArgocdCrds(cluster);
    cluster
        .client()
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName("argocd")
                .endMetadata()
                .build())
        .create();
  }

  /** Serves ArgoCD's kinds as a cluster with ArgoCD installed does. */
  public static void installArgocdCrds(io.clusterfactory.cfctl.core.kube.MockCluster cluster) {
    for (String[] k :
        new String[][] {{"Application", "applications"}, {"AppProject", "appprojects"}}) {
      cluster.dispatcher().serve("argoproj.io/v1alpha1", k[0], k[1], true);
      cluster
          .client()
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(
              new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder()
                  .withNewMetadata()
                  .withName(k[1] + ".argoproj.io")
                  .endMetadata()
                  .withNewSpec()
                  .withGroup("argoproj.io")
                  .withScope("Namespaced")
                  .withNewNames()
                  .withKind(k[0])
                  .withPlural(k[1])
                  .endNames()
                  .addNewVersion()
                  .withName("v1alpha1")
                  .withServed(true)
                  .withStorage(true)
                  .endVersion()
                  .endSpec()
                  .build())
          .createOr(existing -> existing.update());
    }
  }

  private Map<String, Object> appStatus(GenericKubernetesResource app) {
    if (sealingCertificate != null
        && !controllerStarted
        && "gitops-sealed-secrets".equals(app.getMetadata().getName())) {
      try {
        startSealedSecretsController();
      } catch (RuntimeException e) {
        System.err.println("fake-argo: starting the sealed-secrets controller: " + e);
        throw e;
      }
    }
    return syncedStatus(app, revision.get(), syncedAt);
  }

  /**
   * The status Argo CD's controller writes once it synced {@code commit} (controller/state.go
   * CompareAppState, appcontroller.go): a multi-source Application ({@code spec.sources}, even one
   * entry) gets {@code sync.revisions}, one per source (a chart source's version, a Git source's
   * commit), and no {@code sync.revision}; a single-source one ({@code spec.source}) gets {@code
   * sync.revision} only. Argo CD 3's layout: resource health kept out ({@code appTree}).
   */
  public static Map<String, Object> syncedStatus(
      GenericKubernetesResource app, String commit, String at) {
    Map<?, ?> spec =
        app.getAdditionalProperties().get("spec") instanceof Map<?, ?> m ? m : Map.of();
    boolean multi = spec.get("sources") instanceof List<?> l && !l.isEmpty();
    List<?> sources =
        multi
            ? (List<?>) spec.get("sources")
            : spec.get("source") == null ? List.of() : List.of(spec.get("source"));
    List<String> revisions =
        sources.stream()
            .map(src -> src instanceof Map<?, ?> m ? m : Map.of())
            .map(
                src ->
                    src.get("chart") != null ? String.valueOf(src.get("targetRevision")) : commit)
            .toList();
    Map<String, Object> comparedTo = new java.util.LinkedHashMap<>();
    comparedTo.put(
        "destination", spec.get("destination") == null ? Map.of() : spec.get("destination"));
    Map<String, Object> sync = new java.util.LinkedHashMap<>();
    sync.put("status", "Synced");
    Map<String, Object> result = new java.util.LinkedHashMap<>();
    Map<String, Object> operation = new java.util.LinkedHashMap<>();
    if (multi) {
      comparedTo.put("sources", sources);
      sync.put("revisions", revisions);
      result.put("revisions", revisions);
      result.put("sources", sources);
      operation.put("revisions", revisions);
    } else if (!sources.isEmpty()) {
      comparedTo.put("source", sources.get(0));
      sync.put("revision", revisions.get(0));
      result.put("revision", revisions.get(0));
      result.put("source", sources.get(0));
      operation.put("revision", revisions.get(0));
    }
    sync.put("comparedTo", comparedTo);
    return Map.of(
        "sync",
        sync,
        "health",
        Map.of("status", "Healthy"),
        "operationState",
        Map.of(
            "phase",
            "Succeeded",
            "message",
            "successfully synced (all tasks run)",
            "operation",
            Map.of("sync", operation, "initiatedBy", Map.of("automated", true)),
            "syncResult",
            result,
            "startedAt",
            at,
            "finishedAt",
            at),
        "reconciledAt",
        at,
        "resourceHealthSource",
        "appTree",
        "controllerNamespace",
        "argocd");
  }

  private void tryMark(
      String apiVersion,
      String kind,
      java.util.function.Function<GenericKubernetesResource, Map<String, Object>> status) {
    try {
      markAll(apiVersion, kind, status);
    } catch (RuntimeException e) {
      // not served yet, or the mock is shutting down: say so once per kind for diagnosis
      if (reported.add(kind + e.getClass())) {
        System.err.println("fake-argo: " + kind + ": " + e);
      }
    }
  }

  private void markAll(
      String apiVersion,
      String kind,
      java.util.function.Function<GenericKubernetesResource, Map<String, Object>> status) {
    for (GenericKubernetesResource o :
        client.genericKubernetesResources(apiVersion, kind).inAnyNamespace().list().getItems()) {
      Map<String, Object> wanted = status.apply(o);
      if (!wanted.equals(o.getAdditionalProperties().get("status"))) {
        o.setAdditionalProperty("status", wanted);
        client
            .genericKubernetesResources(apiVersion, kind)
            .inNamespace(o.getMetadata().getNamespace())
            .resource(o)
            .update();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(2000);
  }
}
