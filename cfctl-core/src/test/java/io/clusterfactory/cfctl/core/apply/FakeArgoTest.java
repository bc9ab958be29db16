package io.clusterfactory.cfctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.testing.MockApiTier;
import org.junit.jupiter.api.Test;

/** The fake controllers the end-to-end tests rely on do what they claim. */
@MockApiTier
class FakeArgoTest {
  @Test
  void completesJobsAndInstallsArgocdKinds() throws Exception {
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
}
