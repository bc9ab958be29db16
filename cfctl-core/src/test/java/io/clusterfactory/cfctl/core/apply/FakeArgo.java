package io.clusterfactory.cfctl.core.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for the controllers of a real cluster on the mock API server: marks Applications Synced
 * and Healthy at the given revision and Jobs complete, like ArgoCD and the job controller would. It
 * only writes status, never spec.
 */
final class FakeArgo implements AutoCloseable {
  private final KubernetesClient client;
  private final AtomicReference<String> revision = new AtomicReference<>("");
  private final Thread thread;
  private volatile boolean running = true;

  FakeArgo(KubernetesClient client) {
    this.client = client;
    this.thread = new Thread(this::loop, "fake-argo");
    thread.setDaemon(true);
    thread.start();
  }

  /** The commit Applications report as synced. */
  void syncedRevision(String commit) {
    revision.set(commit == null ? "" : commit);
  }

  private void loop() {
    while (running) {
      try {
        markAll("argoproj.io/v1alpha1", "Application", this::appStatus);
        markAll(
            "batch/v1",
            "Job",
            o ->
                Map.of(
                    "succeeded",
                    1,
                    "conditions",
                    List.of(Map.of("type", "Complete", "status", "True"))));
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the mock may be shutting down; keep trying until closed
      }
    }
  }

  private Map<String, Object> appStatus(GenericKubernetesResource app) {
    return Map.of(
        "sync", Map.of("status", "Synced", "revision", revision.get()),
        "health", Map.of("status", "Healthy"));
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
