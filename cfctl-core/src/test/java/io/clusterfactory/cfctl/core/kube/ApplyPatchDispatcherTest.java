package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pins the documented approximation the mock-server tests rely on (docs/kube-apply.md). */
@MockApiTier
class ApplyPatchDispatcherTest {
  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    cluster
        .client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("ns").endMetadata().build())
        .create();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static ConfigMap configMap(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("cm")
        .withNamespace("ns")
        .endMetadata()
        .withData(data)
        .build();
  }

  private ConfigMap apply(ConfigMap cm) {
    return cluster
        .client()
        .configMaps()
        .inNamespace("ns")
        .resource(cm)
        .fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT)
        .fieldManager("cfctl")
        .serverSideApply();
  }

  @Test
  @DisplayName("an apply without fieldValidation=Strict is refused: cfctl always asks for it")
  void applyWithoutStrictFieldValidationIsRefused() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.fabric8.kubernetes.client.KubernetesClientException.class,
            () ->
                cluster
                    .client()
                    .configMaps()
                    .inNamespace("ns")
                    .resource(configMap(Map.of("a", "1")))
                    .fieldManager("cfctl")
                    .serverSideApply());
    org.junit.jupiter.api.Assertions.assertEquals(400, e.getCode());
  }

  @Test
  @DisplayName("apply-patch creates, then merges; an unchanged apply writes nothing")
  void applyPatchIsCreateOrMerge() {
    apply(configMap(Map.of("a", "1")));
    String version =
        cluster
            .client()
            .configMaps()
            .inNamespace("ns")
            .withName("cm")
            .get()
            .getMetadata()
            .getResourceVersion();
    apply(configMap(Map.of("a", "1")));
    assertEquals(
        version,
        cluster
            .client()
            .configMaps()
            .inNamespace("ns")
            .withName("cm")
            .get()
            .getMetadata()
            .getResourceVersion());

    apply(configMap(Map.of("b", "2")));

    // merge, not replace: real SSA would drop "a" (no longer applied by its only manager)
    assertEquals(
        Map.of("a", "1", "b", "2"),
        cluster.client().configMaps().inNamespace("ns").withName("cm").get().getData());
  }

  @Test
  @DisplayName("apply-patch into a namespace that does not exist answers 404, like a real server")
  void missingNamespaceIs404() {
    ConfigMap elsewhere = configMap(Map.of("a", "1"));
    elsewhere.getMetadata().setNamespace("missing");
    KubernetesClientException error =
        assertThrows(
            KubernetesClientException.class,
            () ->
                cluster
                    .client()
                    .configMaps()
                    .inNamespace("missing")
                    .resource(elsewhere)
                    .fieldValidation(
                        io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT)
                    .fieldManager("cfctl")
                    .serverSideApply());
    assertEquals(404, error.getCode());
  }

  @Test
  @DisplayName("dryRun=All writes are answered but not persisted")
  void dryRunIsNotPersisted() {
    cluster
        .client()
        .configMaps()
        .inNamespace("ns")
        .resource(configMap(Map.of("a", "1")))
        .dryRun()
        .create();
    cluster
        .client()
        .configMaps()
        .inNamespace("ns")
        .resource(configMap(Map.of("a", "1")))
        .dryRun()
        .fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT)
        .fieldManager("cfctl")
        .serverSideApply();

    assertNull(cluster.client().configMaps().inNamespace("ns").withName("cm").get());
  }
}
