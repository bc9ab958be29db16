package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Live strict field validation: what the offline check missed, the API server refuses; cfctl
 * reports it as bad input at once (exit 2, the field named), never as an overloaded server to
 * retry. The mock answers as a Kubernetes 1.31 API server does (HTTP 500 with the typed-patch
 * message).
 */
@MockApiTier
class StrictFieldValidationMockApiTest {
  private static final String DEPLOYMENT =
      """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"app","namespace":"default"},
       "spec":{"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"a"}},
       "spec":{"containers":[{"name":"app","image":"nginx:1.27",%s}]}}}}
      """;

  @Test
  @DisplayName("the mock names the undeclared field of a built-in kind, and only that")
  void mockFindsUndeclaredFields() {
    assertEquals(
        ".spec.template.spec.containers[0].imagePullPolcy",
        ApplyPatchDispatcher.undeclaredField(
            DEPLOYMENT.formatted("\"imagePullPolcy\":\"Always\"")));
    assertNull(
        ApplyPatchDispatcher.undeclaredField(
            DEPLOYMENT.formatted("\"imagePullPolicy\":\"Always\"")));
    // a custom resource: the mock knows no schema for it
    assertNull(
        ApplyPatchDispatcher.undeclaredField(
            "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},"
                + "\"spec\":{\"anything\":1}}"));
  }

  @Test
  @DisplayName("a field the API server's schema refuses is exit 2 naming it, with no retry")
  void refusedFieldIsInvalidInput() throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      cluster
          .client()
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName("default")
                  .endMetadata()
                  .build())
          .create();
      KubeCalls calls =
          new KubeCalls(cluster.url(), RetryPolicy.DEFAULT, Deadline.in(Duration.ofSeconds(30)));
      ResourceResolver resolver = new ResourceResolver(cluster.client(), calls);
      GenericKubernetesResource bad =
          DesiredObject.SERIALIZATION.unmarshal(
              DEPLOYMENT.formatted("\"imagePullPolcy\":\"Always\""),
              GenericKubernetesResource.class);
      ObjectRef ref = ObjectRef.of(bad);

      long start = System.nanoTime();
      InvalidInputException refused =
          assertThrows(
              InvalidInputException.class, () -> resolver.serverSideApply(ref, bad, false));
      long ms = (System.nanoTime() - start) / 1_000_000;

      assertTrue(
          refused
              .getMessage()
              .contains(
                  "the API server refused field spec.template.spec.containers[0].imagePullPolcy:"
                      + " field not declared in schema"),
          refused.getMessage());
      assertEquals(2, refused.exitCode().code());
      assertTrue(ms < 5_000, "answered at once, not after retries: " + ms + " ms");
      long applies =
          cluster.dispatcher().requests().stream().filter(r -> r.method().equals("PATCH")).count();
      assertEquals(1, applies, "one apply, no retry");

      GenericKubernetesResource good =
          DesiredObject.SERIALIZATION.unmarshal(
              DEPLOYMENT.formatted("\"imagePullPolicy\":\"Always\""),
              GenericKubernetesResource.class);
      assertTrue(resolver.serverSideApply(ObjectRef.of(good), good, false).isPresent());
    }
  }
}
