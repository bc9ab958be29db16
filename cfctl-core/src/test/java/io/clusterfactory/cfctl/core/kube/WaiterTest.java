package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.kube.health.HealthStatus;
import io.clusterfactory.cfctl.core.kube.health.KStatus;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@MockApiTier
class WaiterTest {
  private static final RetryPolicy FAST_RETRY =
      new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(50), 10);

  private MockCluster cluster;
  private List<GenericKubernetesResource> network;
  private List<GenericKubernetesResource> gitops;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    network = Fixtures.load("network-desired.yaml");
    gitops = Fixtures.load("gitops-desired.yaml");
    KubeCalls calls = calls(Duration.ofSeconds(30));
    StackApplier applier = new StackApplier(cluster.client(), new MutationGuard(false), calls);
    applier.apply("network", network, SsaOptions.DEFAULT);
    applier.apply("gitops", gitops, SsaOptions.DEFAULT);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private KubeCalls calls(Duration timeout) {
    return new KubeCalls(cluster.url(), FAST_RETRY, Deadline.in(timeout));
  }

  private Waiter waiter(Duration timeout) {
    return new Waiter(
        cluster.client(), calls(timeout), new KStatus((String) null), Duration.ofMillis(20));
  }

  private List<WaitTarget> targets() {
    List<GenericKubernetesResource> all = new ArrayList<>(network);
    all.addAll(gitops);
    return WaitTarget.of(all);
  }

  /** Writes a status the way a controller would; the mock stores it like any field. */
  private void setStatus(
      String apiVersion, String kind, String ns, String name, Map<String, Object> status) {
    ResourceResolver resolver =
        new ResourceResolver(cluster.client(), calls(Duration.ofSeconds(5)));
    ObjectRef ref = ObjectRef.of(apiVersion, kind, ns, name);
    GenericKubernetesResource live = resolver.get(ref);
    live.setAdditionalProperty("status", status);
    var resources =
        cluster.client().genericKubernetesResources(resolver.find(apiVersion, kind).orElseThrow());
    (ns == null ? resources.resource(live) : resources.inNamespace(ns).resource(live)).update();
  }

  private void crdsEstablished() {
    for (String crd : List.of("ipaddresspools.metallb.io", "applications.argoproj.io")) {
      setStatus(
          "apiextensions.k8s.io/v1",
          "CustomResourceDefinition",
          null,
          crd,
          Map.of("conditions", List.of(Map.of("type", "Established", "status", "True"))));
    }
  }

  private void deploymentReady(String ns, String name, int replicas) {
    setStatus(
        "apps/v1",
        "Deployment",
        ns,
        name,
        Map.of(
            "observedGeneration", 1,
            "replicas", replicas,
            "updatedReplicas", replicas,
            "readyReplicas", replicas,
            "availableReplicas", replicas,
            "conditions",
                List.of(
                    Map.of("type", "Available", "status", "True"),
                    Map.of(
                        "type", "Progressing",
                        "status", "True",
                        "reason", "NewReplicaSetAvailable"))));
  }

  private void applicationHealthy() {
    setStatus(
        "argoproj.io/v1alpha1",
        "Application",
        "argocd",
        "network",
        Map.of(
            "sync", Map.of("status", "Synced", "revision", "abc123"),
            "health", Map.of("status", "Healthy")));
  }

  @Test
  @DisplayName("a wait that times out names every object not ready, and why, in every stack")
  void timeoutNamesWhatIsNotReady() {
    crdsEstablished();
    deploymentReady("metallb-system", "controller", 1);

    WaitTimeoutException error =
        assertThrows(
            WaitTimeoutException.class,
            () -> waiter(Duration.ofMillis(400)).waitForStacks(targets(), WaitListener.NONE));

    List<String> named = error.notReady().stream().map(n -> n.target().ref().toString()).toList();
    assertEquals(List.of("Deployment/traefik/traefik", "Application/argocd/network"), named);
    assertTrue(error.getMessage().contains("Deployment/traefik/traefik"), error.getMessage());
    assertTrue(error.getMessage().contains("updated replicas: 0/2"), error.getMessage());
    assertTrue(error.getMessage().contains("health Unknown, sync Unknown"), error.getMessage());
    assertEquals(HealthStatus.IN_PROGRESS, error.notReady().get(0).health().status());
  }

  @Test
  @DisplayName("waits stack by stack until every object is ready, reporting progress per component")
  void waitsUntilReady() throws Exception {
    List<StackProgress> progress = Collections.synchronizedList(new ArrayList<>());
    List<String> readyStacks = Collections.synchronizedList(new ArrayList<>());
    WaitListener listener =
        new WaitListener() {
          @Override
          public void onProgress(StackProgress p) {
            progress.add(p);
          }

          @Override
          public void onStackReady(String stack) {
            readyStacks.add(stack);
          }
        };
    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(
            () -> waiter(Duration.ofSeconds(10)).waitForStacks(targets(), listener));
    // the controllers catch up while cfctl waits
    crdsEstablished();
    deploymentReady("metallb-system", "controller", 1);
    deploymentReady("traefik", "traefik", 2);
    applicationHealthy();

    waiting.get();

    assertEquals(List.of("network", "gitops"), readyStacks);
    assertTrue(progress.stream().anyMatch(p -> p.component().equals("traefik") && p.done()));
    assertTrue(progress.stream().anyMatch(p -> p.component().equals("metallb") && p.done()));
    assertTrue(progress.stream().anyMatch(p -> p.stack().equals("gitops") && p.done()));
    StackProgress last = progress.get(progress.size() - 1);
    assertEquals(last.total(), last.ready());
  }

  @Test
  @DisplayName("a failed sync ends the wait at once with Argo CD's message, not at the deadline")
  void failedSyncEndsTheWait() {
    crdsEstablished();
    deploymentReady("metallb-system", "controller", 1);
    deploymentReady("traefik", "traefik", 2);
    setStatus(
        "argoproj.io/v1alpha1",
        "Application",
        "argocd",
        "network",
        Map.of(
            "sync", Map.of("status", "OutOfSync"),
            "health", Map.of("status", "Missing"),
            "operationState",
                Map.of("phase", "Failed", "message", "one or more objects failed to apply")));
    long start = System.nanoTime();

    WaitFailedException error =
        assertThrows(
            WaitFailedException.class,
            () -> waiter(Duration.ofSeconds(20)).waitForStacks(targets(), WaitListener.NONE));

    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "waited too long");
    assertEquals(
        List.of("Application/argocd/network"),
        error.failed().stream().map(n -> n.target().ref().toString()).toList());
    assertTrue(
        error.getMessage().contains("Failed: one or more objects failed to apply"),
        error.getMessage());
  }
}
