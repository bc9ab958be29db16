package io.clusterfactory.cfctl.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LiveObjectDifferTest {
  private static final ObjectRef DEPLOYMENT =
      ObjectRef.of("apps/v1", "Deployment", "traefik", "traefik");
  private static final ObjectRef SECRET = ObjectRef.of("v1", "Secret", "db", "creds");

  private static Map<String, Object> deployment(int replicas, Map<String, Object> extraMeta) {
    Map<String, Object> meta = new java.util.LinkedHashMap<>();
    meta.put("name", "traefik");
    meta.put("namespace", "traefik");
    meta.putAll(extraMeta);
    return Map.of(
        "apiVersion",
        "apps/v1",
        "kind",
        "Deployment",
        "metadata",
        meta,
        "spec",
        Map.of(
            "replicas",
            replicas,
            "template",
            Map.of(
                "spec",
                Map.of("containers", List.of(Map.of("name", "traefik", "image", "traefik:v3"))))));
  }

  private static Map<String, Object> liveDeployment(int replicas) {
    Map<String, Object> live =
        CanonicalYaml.toMap(
            deployment(
                replicas,
                Map.of(
                    "uid",
                    "1234",
                    "resourceVersion",
                    "99",
                    "generation",
                    4,
                    "creationTimestamp",
                    "2026-01-01T00:00:00Z",
                    "managedFields",
                    List.of(Map.of("manager", "cfctl")),
                    "annotations",
                    Map.of(LiveObjectNormalizer.LAST_APPLIED, "{\"kind\":\"Deployment\"}"))));
    live.put("status", Map.of("readyReplicas", 1));
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) live.get("spec");
    spec.put("progressDeadlineSeconds", 600);
    spec.put("revisionHistoryLimit", 10);
    spec.put(
        "strategy",
        Map.of(
            "type",
            "RollingUpdate",
            "rollingUpdate",
            Map.of("maxSurge", "25%", "maxUnavailable", "25%")));
    @SuppressWarnings("unchecked")
    Map<String, Object> pod =
        (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    pod.put("dnsPolicy", "ClusterFirst");
    pod.put("terminationGracePeriodSeconds", 30);
    @SuppressWarnings("unchecked")
    Map<String, Object> container =
        (Map<String, Object>) ((List<Object>) pod.get("containers")).get(0);
    container.put("terminationMessagePath", "/dev/termination-log");
    return live;
  }

  @Test
  @DisplayName("server bookkeeping, status and server defaults do not count as changes")
  void normalisedLiveEqualsDesired() {
    ObjectDiff diff =
        LiveObjectDiffer.compare(
            DEPLOYMENT, "network", liveDeployment(2), deployment(2, Map.of()), null);
    assertEquals(ChangeKind.UNCHANGED, diff.change());
    assertEquals("", diff.unifiedDiff());
  }

  @Test
  @DisplayName("a changed value gives an update whose diff shows only that value")
  void changedValueShowsInDiff() {
    ObjectDiff diff =
        LiveObjectDiffer.compare(
            DEPLOYMENT, "network", liveDeployment(2), deployment(3, Map.of()), null);
    assertEquals(ChangeKind.UPDATE, diff.change());
    assertTrue(diff.unifiedDiff().contains("-  replicas: 2\n+  replicas: 3\n"), diff.unifiedDiff());
    assertFalse(diff.unifiedDiff().contains("resourceVersion"));
    assertFalse(diff.unifiedDiff().contains("progressDeadlineSeconds"));
    assertTrue(diff.unifiedDiff().startsWith("--- live/apps.v1.Deployment.traefik.traefik\n"));
  }

  @Test
  @DisplayName("a default the desired object overrides stays visible")
  void overriddenDefaultIsCompared() {
    Map<String, Object> desired = CanonicalYaml.toMap(deployment(2, Map.of()));
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) desired.get("spec");
    spec.put("revisionHistoryLimit", 3);
    ObjectDiff diff = LiveObjectDiffer.compare(DEPLOYMENT, "", liveDeployment(2), desired, null);
    assertEquals(ChangeKind.UPDATE, diff.change());
    assertTrue(
        diff.unifiedDiff().contains("-  revisionHistoryLimit: 10\n+  revisionHistoryLimit: 3\n"));
  }

  @Test
  @DisplayName("absent live object is a create, absent desired object is a delete")
  void createAndDelete() {
    assertEquals(
        ChangeKind.CREATE,
        LiveObjectDiffer.compare(DEPLOYMENT, "", null, deployment(1, Map.of()), null).change());
    assertEquals(
        ChangeKind.DELETE,
        LiveObjectDiffer.compare(DEPLOYMENT, "", liveDeployment(1), null, null).change());
  }

  @Test
  @DisplayName("Secret values are masked; stringData compares equal to the same base64 data")
  void secretMasked() {
    Map<String, Object> live =
        Map.of(
            "apiVersion", "v1",
            "kind", "Secret",
            "metadata", Map.of("name", "creds", "namespace", "db"),
            "type", "Opaque",
            "data",
                Map.of(
                    "user", "YWRtaW4=", // admin
                    "password", "aHVudGVyMg==", // hunter2
                    "old", "eA=="));
    Map<String, Object> desired =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Secret",
            "metadata",
            Map.of("name", "creds", "namespace", "db"),
            "stringData",
            Map.of("user", "admin", "password", "s3cr3t-new", "token", "tok-xyz"));
    ObjectDiff diff = LiveObjectDiffer.compare(SECRET, "db", live, desired, null);
    assertEquals(ChangeKind.UPDATE, diff.change());
    assertEquals(
        List.of(
            new SecretKeyDiff("old", KeyChange.REMOVED),
            new SecretKeyDiff("password", KeyChange.CHANGED),
            new SecretKeyDiff("token", KeyChange.ADDED),
            new SecretKeyDiff("user", KeyChange.UNCHANGED)),
        diff.secretKeys());
    for (String clear :
        List.of("YWRtaW4=", "aHVudGVyMg==", "s3cr3t-new", "tok-xyz", "admin", "eA==")) {
      assertFalse(diff.unifiedDiff().contains(clear), clear + " leaked:\n" + diff.unifiedDiff());
    }
    assertTrue(diff.unifiedDiff().contains("-  password: '*** (before)'"), diff.unifiedDiff());
    assertTrue(diff.unifiedDiff().contains("+  password: '*** (after)'"), diff.unifiedDiff());
  }

  @Test
  @DisplayName("fabric8 objects compare like maps; the ref comes from the object")
  void fabric8Objects() {
    var live =
        new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
            .withNewMetadata()
            .withName("cfg")
            .withNamespace("ns")
            .withResourceVersion("7")
            .withUid("u")
            .endMetadata()
            .addToData("a", "1")
            .build();
    var desired =
        new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
            .withNewMetadata()
            .withName("cfg")
            .withNamespace("ns")
            .endMetadata()
            .addToData("a", "2")
            .build();
    ObjectDiff diff = LiveObjectDiffer.compare("c", live, desired, null);
    assertEquals(ObjectRef.of("v1", "ConfigMap", "ns", "cfg"), diff.ref());
    assertEquals(ChangeKind.UPDATE, diff.change());
    assertTrue(diff.unifiedDiff().contains("-  a: \"1\"\n+  a: \"2\"\n"), diff.unifiedDiff());
    assertEquals(ChangeKind.UNCHANGED, LiveObjectDiffer.compare("c", live, live, null).change());
  }
}
