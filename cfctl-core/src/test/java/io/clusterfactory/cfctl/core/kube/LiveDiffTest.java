package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.diff.ChangeKind;
import io.clusterfactory.cfctl.core.diff.KeyChange;
import io.clusterfactory.cfctl.core.diff.LiveSection;
import io.clusterfactory.cfctl.core.diff.ObjectDiff;
import io.clusterfactory.cfctl.core.diff.SecretKeyDiff;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@MockApiTier
class LiveDiffTest {
  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private KubeCalls calls() {
    return new KubeCalls(cluster.url(), RetryPolicy.DEFAULT, Deadline.in(Duration.ofSeconds(30)));
  }

  private LiveSection diff(List<GenericKubernetesResource> desired) {
    return new LiveDiff(cluster.client(), new MutationGuard(true), calls()).compare(desired, true);
  }

  private void apply(List<GenericKubernetesResource> desired) {
    new StackApplier(cluster.client(), new MutationGuard(false), calls())
        .apply("network", desired, SsaOptions.DEFAULT);
  }

  private static ObjectDiff entry(LiveSection section, String kind, String name) {
    return section.objects().stream()
        .filter(o -> o.ref().kind().equals(kind) && o.ref().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + "/" + name + " not in " + section.objects()));
  }

  @Test
  @DisplayName("on an empty cluster everything is a creation, missing namespaces and CRD kinds too")
  void emptyClusterIsAllCreations() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");

    LiveSection section = diff(desired);

    assertEquals(desired.size(), section.objects().size());
    assertTrue(section.objects().stream().allMatch(o -> o.change() == ChangeKind.CREATE));
    assertTrue(entry(section, "IPAddressPool", "default").note().contains("not served yet"));
    assertTrue(entry(section, "ConfigMap", "traefik-config").note().contains("namespace traefik"));
    assertEquals(List.of(), cluster.dispatcher().writes());
  }

  @Test
  @DisplayName("after apply nothing differs; server-side fields and status are not differences")
  void appliedClusterIsUnchanged() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    apply(desired);
    cluster.dispatcher().clearRequests();

    LiveSection section = diff(desired);

    assertFalse(section.hasChanges(), () -> section.objects().toString());
    assertEquals(List.of(), cluster.dispatcher().writes());
  }

  @Test
  @DisplayName("a changed Secret value is masked, reported per key, never printed")
  void secretValuesAreMasked() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    GenericKubernetesResource secret = StackApplierTest.find(desired, "Secret", "memberlist");
    secret.setAdditionalProperty(
        "stringData", Map.of("secretkey", "s3cr3t-memberlist-key", "other", "first-value"));
    apply(desired);
    secret.setAdditionalProperty(
        "stringData", Map.of("secretkey", "rotated-key-value", "other", "first-value"));

    ObjectDiff diff = entry(diff(desired), "Secret", "memberlist");

    assertEquals(ChangeKind.UPDATE, diff.change());
    assertEquals(
        List.of(
            new SecretKeyDiff("other", KeyChange.UNCHANGED),
            new SecretKeyDiff("secretkey", KeyChange.CHANGED)),
        diff.secretKeys());
    for (String plain : List.of("rotated-key-value", "s3cr3t-memberlist-key", "first-value")) {
      assertFalse(diff.unifiedDiff().contains(plain), diff.unifiedDiff());
      String base64 =
          java.util.Base64.getEncoder()
              .encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertFalse(diff.unifiedDiff().contains(base64), diff.unifiedDiff());
    }
    assertTrue(diff.unifiedDiff().contains("***"), diff.unifiedDiff());
  }

  @Test
  @DisplayName("a changed value is one update; a removed component shows as deletions")
  void updatesAndPrunes() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    apply(desired);
    List<GenericKubernetesResource> changed = StackApplierTest.withoutComponent(desired, "traefik");
    StackApplierTest.find(changed, "Deployment", "controller")
        .setAdditionalProperty(
            "spec",
            Map.of(
                "replicas", 3,
                "selector", Map.of("matchLabels", Map.of("app", "metallb")),
                "template",
                    Map.of(
                        "metadata", Map.of("labels", Map.of("app", "metallb")),
                        "spec",
                            Map.of(
                                "serviceAccountName",
                                "controller",
                                "containers",
                                List.of(
                                    Map.of(
                                        "name", "controller",
                                        "image", "quay.io/metallb/controller:v0.14.8"))))));

    LiveSection section = diff(changed);

    ObjectDiff controller = entry(section, "Deployment", "controller");
    assertEquals(ChangeKind.UPDATE, controller.change());
    assertTrue(controller.unifiedDiff().contains("-  replicas: 1"), controller.unifiedDiff());
    assertTrue(controller.unifiedDiff().contains("+  replicas: 3"), controller.unifiedDiff());
    assertEquals(ChangeKind.DELETE, entry(section, "Deployment", "traefik").change());
    assertEquals(ChangeKind.DELETE, entry(section, "Namespace", "traefik").change());
    assertEquals(
        1, section.objects().stream().filter(o -> o.change() == ChangeKind.UPDATE).count());
  }
}
