package io.clusterfactory.cfctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.core.kube.health.ApplicationHealth;
import io.clusterfactory.cfctl.core.kube.health.KStatus;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fake controllers the end-to-end tests rely on do what they claim. */
@MockApiTier
class FakeArgoTest {
  @Test
  void completesJobs() throws Exception {
    try (MockCluster c = new MockCluster();
        FakeArgo argo = new FakeArgo(c)) {
      c.client()
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName("argocd")
                  .endMetadata()
                  .build())
          .create();
      c.client()
          .batch()
          .v1()
          .jobs()
          .inNamespace("argocd")
          .resource(
              new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
                  .withNewMetadata()
                  .withName("j")
                  .withNamespace("argocd")
                  .endMetadata()
                  .withNewSpec()
                  .withNewTemplate()
                  .withNewSpec()
                  .endSpec()
                  .endTemplate()
                  .endSpec()
                  .build())
          .fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT)
          .fieldManager("cfctl")
          .serverSideApply();
      Integer succeeded = null;
      for (int i = 0; i < 50 && succeeded == null; i++) {
        Thread.sleep(100);
        succeeded =
            c.client().batch().v1().jobs().inNamespace("argocd").withName("j").get().getStatus()
                    == null
                ? null
                : c.client()
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace("argocd")
                    .withName("j")
                    .get()
                    .getStatus()
                    .getSucceeded();
      }
      assertEquals(1, succeeded);
    }
  }

  @Test
  @DisplayName(
      "the fake writes Argo CD's shapes: revisions for multi-source, revision for single-source")
  void writesTheControllersStatusShapes() throws Exception {
    String commit = "0123456789abcdef0123456789abcdef01234567";
    String repo = "ssh://git@git.example.com/infra/gitops.git";
    try (MockCluster c = new MockCluster();
        FakeArgo argo = new FakeArgo(c)) {
      FakeArgo.installArgocdCrds(c);
      argo.syncedRevision(commit);
      var apps = c.client().genericKubernetesResources("argoproj.io/v1alpha1", "Application");
      apps.inNamespace("argocd")
          .resource(
              app(
                  "multi",
                  Map.of(
                      "sources",
                      List.of(
                          Map.of(
                              "repoURL", "https://metallb.github.io/metallb",
                              "chart", "metallb",
                              "targetRevision", "0.15.2"),
                          Map.of("repoURL", repo, "targetRevision", "main", "ref", "values")))))
          .create();
      apps.inNamespace("argocd")
          .resource(
              app(
                  "single",
                  Map.of(
                      "source",
                      Map.of("repoURL", repo, "targetRevision", "main", "path", "clusters/c"))))
          .create();

      Map<?, ?> multi = syncOf(c, "multi");
      Map<?, ?> single = syncOf(c, "single");

      assertEquals(List.of("0.15.2", commit), multi.get("revisions"));
      assertFalse(multi.containsKey("revision"), multi.toString());
      assertEquals(commit, single.get("revision"));
      assertFalse(single.containsKey("revisions"), single.toString());
      KStatus kstatus = new KStatus(new ApplicationHealth(commit, repo, null));
      assertTrue(kstatus.compute(apps.inNamespace("argocd").withName("multi").get()).ready());
      assertTrue(kstatus.compute(apps.inNamespace("argocd").withName("single").get()).ready());
    }
  }

  private static GenericKubernetesResource app(String name, Map<String, Object> sources) {
    Map<String, Object> spec = new java.util.HashMap<>(sources);
    spec.put("project", "default");
    spec.put("destination", Map.of("server", "https://kubernetes.default.svc"));
    GenericKubernetesResource app = new GenericKubernetesResource();
    app.setApiVersion("argoproj.io/v1alpha1");
    app.setKind("Application");
    app.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace("argocd")
            .build());
    app.setAdditionalProperty("spec", spec);
    return app;
  }

  private static Map<?, ?> syncOf(MockCluster c, String name) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      var live =
          c.client()
              .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
              .inNamespace("argocd")
              .withName(name)
              .get();
      if (live.getAdditionalProperties().get("status") instanceof Map<?, ?> status
          && status.get("sync") instanceof Map<?, ?> sync) {
        return sync;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " never got a status from the fake");
  }
}
