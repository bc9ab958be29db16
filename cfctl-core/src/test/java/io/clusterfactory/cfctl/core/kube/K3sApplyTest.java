package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.clusterfactory.cfctl.testing.K3sTier;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same apply, re-apply and prune as {@link StackApplierTest}, against a real API server (k3s),
 * for what the mock cannot show: real server-side apply with field manager {@code cfctl}, server
 * defaults and real field removal. Skipped where Docker is absent; never the only test of a
 * feature. The k3s container publishes its API on loopback only.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@K3sTier
class K3sApplyTest {
  @Container
  static final K3sContainer K3S =
      new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

  private static KubernetesClient client;
  private static List<GenericKubernetesResource> desired;

  @BeforeAll
  static void connect() {
    client = KubeClients.fromKubeconfig(K3S.getKubeConfigYaml());
    desired = Fixtures.load("network-desired.yaml");
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  private static ApplyResult apply(List<GenericKubernetesResource> objects) {
    KubeCalls calls =
        new KubeCalls(
            client.getConfiguration().getMasterUrl(),
            RetryPolicy.DEFAULT,
            Deadline.in(Duration.ofMinutes(2)));
    return new StackApplier(client, new MutationGuard(false), calls)
        .apply("network", objects, SsaOptions.DEFAULT);
  }

  private static String resourceVersion(String ns, String name) {
    return client
        .configMaps()
        .inNamespace(ns)
        .withName(name)
        .get()
        .getMetadata()
        .getResourceVersion();
  }

  @Test
  @Order(1)
  @DisplayName("k3s: first apply creates everything with field manager cfctl")
  void firstApply() {
    ApplyResult result = apply(desired);

    assertEquals(desired.size(), result.counts().get(ObjectOutcome.CREATED));
    var configMap = client.configMaps().inNamespace("traefik").withName("traefik-config").get();
    assertTrue(
        configMap.getMetadata().getManagedFields().stream()
            .map(ManagedFieldsEntry::getManager)
            .anyMatch("cfctl"::equals));
    assertEquals(
        "Apply",
        configMap.getMetadata().getManagedFields().stream()
            .filter(m -> m.getManager().equals("cfctl"))
            .findFirst()
            .orElseThrow()
            .getOperation());
  }

  @Test
  @Order(2)
  @DisplayName("k3s: re-apply writes nothing despite server defaults (resourceVersion unchanged)")
  void reapplyWritesNothing() {
    String before = resourceVersion("traefik", "traefik-config");
    String deploymentBefore =
        client
            .apps()
            .deployments()
            .inNamespace("traefik")
            .withName("traefik")
            .get()
            .getMetadata()
            .getResourceVersion();

    ApplyResult again = apply(desired);

    assertTrue(again.unchanged(), () -> again.objects().toString());
    assertEquals(before, resourceVersion("traefik", "traefik-config"));
    // the Deployment controller may update status, never metadata.generation from cfctl
    assertEquals(
        1L,
        client
            .apps()
            .deployments()
            .inNamespace("traefik")
            .withName("traefik")
            .get()
            .getMetadata()
            .getGeneration(),
        "deployment was " + deploymentBefore);
  }

  @Test
  @Order(3)
  @DisplayName("k3s: a removed component is pruned, an unlabelled ConfigMap is kept")
  void prune() {
    client
        .configMaps()
        .inNamespace("metallb-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("created-by-hand")
                .endMetadata()
                .addToData(Map.of("k", "v"))
                .build())
        .create();

    ApplyResult result = apply(StackApplierTest.withoutComponent(desired, "traefik"));

    assertEquals(3, result.counts().get(ObjectOutcome.PRUNED));
    assertNull(client.apps().deployments().inNamespace("traefik").withName("traefik").get());
    assertNotNull(
        client.configMaps().inNamespace("metallb-system").withName("created-by-hand").get());
  }

  @Test
  @Order(10)
  @DisplayName("k3s: a field the real API server's schema does not declare is exit 2, named")
  void strictFieldValidationOfARealServer() {
    GenericKubernetesResource bad =
        DesiredObject.SERIALIZATION.unmarshal(
            """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"strict-check","namespace":"traefik"},
             "spec":{"selector":{"matchLabels":{"app":"s"}},
              "template":{"metadata":{"labels":{"app":"s"}},
               "spec":{"containers":[{"name":"s","image":"nginx:1.27","imagePullPolcy":"Always"}]}}}}
            """,
            GenericKubernetesResource.class);
    io.clusterfactory.cfctl.core.error.InvalidInputException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.clusterfactory.cfctl.core.error.InvalidInputException.class,
            () -> apply(List.of(bad)));
    assertTrue(refused.getMessage().contains("imagePullPolcy"), refused.getMessage());
    assertEquals(
        null, client.apps().deployments().inNamespace("traefik").withName("strict-check").get());
  }
}
