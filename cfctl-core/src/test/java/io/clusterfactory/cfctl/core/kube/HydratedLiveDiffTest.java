package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.diff.ChangeKind;
import io.clusterfactory.cfctl.core.diff.DiffExitCodes;
import io.clusterfactory.cfctl.core.diff.DiffFormat;
import io.clusterfactory.cfctl.core.diff.DiffReport;
import io.clusterfactory.cfctl.core.diff.DiffTextWriter;
import io.clusterfactory.cfctl.core.diff.FieldChange;
import io.clusterfactory.cfctl.core.diff.HydratedDiffer;
import io.clusterfactory.cfctl.core.diff.HydratedObjectDiff;
import io.clusterfactory.cfctl.core.diff.HydratedSection;
import io.clusterfactory.cfctl.core.diff.KeyChange;
import io.clusterfactory.cfctl.core.diff.SecretKeyDiff;
import io.clusterfactory.cfctl.core.diff.Summary;
import io.clusterfactory.cfctl.core.hydrate.ChartRef;
import io.clusterfactory.cfctl.core.hydrate.HydratedApplication;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.Unhydrated;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The chart objects of a live diff on the mock API: what Argo CD applied vs the hydrated tree. */
@MockApiTier
class HydratedLiveDiffTest {
  private static final ChartRef CHART =
      new ChartRef(ChartRef.Kind.HTTP, "https://traefik.github.io/charts", "traefik", "37.1.0");
  private static final String TOKEN_OLD = "live-t0ken-old-1";
  private static final String TOKEN_NEW = "live-t0ken-new-2";

  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static HydratedTree tree(String tag, String token, boolean legacy) {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: traefik, labels: {app.kubernetes.io/name: traefik}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: traefik}}
          template:
            metadata: {labels: {app: traefik}}
            spec:
              containers:
                - name: traefik
                  image: docker.io/traefik:%s
                  ports: [{containerPort: 8000, name: web}]
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: traefik-token}
        stringData: {token: %s}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: traefik}
        rules: [{apiGroups: [""], resources: [services], verbs: [get, list]}]
        """
            .formatted(tag, token);
    // a Helm hook: Argo CD runs it at sync and deletes it, so it is never live
    yaml +=
        "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: traefik-migrate\n"
            + "  annotations: {helm.sh/hook: pre-upgrade}\n"
            + "spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: busybox:1.36}]}}}\n";
    if (legacy) {
      yaml += "---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: traefik-legacy}\n";
    }
    List<HydratedApplication.HydratedObject> objects = new ArrayList<>();
    try {
      for (Map<String, Object> doc : CanonicalYaml.readDocuments(yaml)) {
        objects.add(
            new HydratedApplication.HydratedObject(
                "traefik/templates/x.yaml", CanonicalYaml.fromMap(doc)));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new HydratedTree(
        List.of(new HydratedApplication("network-traefik", "traefik", CHART, "sha256:x", objects)),
        List.of());
  }

  /** Applies the tree's objects as Argo CD does: its own field manager, tracking annotation. */
  private void argoApplies(HydratedTree tree) {
    ObjectMapper json = new ObjectMapper();
    if (cluster.client().namespaces().withName("traefik").get() == null) {
      // cfctl's stack delivers the destination namespace before Argo CD syncs
      cluster
          .client()
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName("traefik")
                  .endMetadata()
                  .build())
          .create();
    }
    for (HydratedApplication app : tree.applications()) {
      for (HydratedDiffer.View v :
          HydratedDiffer.views(app, HydratedDiffer.offlineScope(tree)).values()) {
        if (HydratedDiffer.isHook(v.body())) {
          continue; // Argo CD runs a hook and deletes it: the cluster never keeps it
        }
        GenericKubernetesResource body =
            json.convertValue(v.body(), GenericKubernetesResource.class);
        cluster
            .client()
            .resource(body)
            .fieldManager("argocd-controller")
            .forceConflicts()
            .serverSideApply();
      }
    }
    cluster.dispatcher().clearRequests();
  }

  private HydratedSection diff(HydratedTree tree) {
    KubeCalls calls =
        new KubeCalls(cluster.url(), RetryPolicy.DEFAULT, Deadline.in(Duration.ofSeconds(30)));
    return new HydratedLiveDiff(cluster.client(), calls).compare(tree);
  }

  private static HydratedObjectDiff object(HydratedSection s, String kind, String name) {
    return s.applications().stream()
        .flatMap(a -> a.objects().stream())
        .filter(o -> o.object().ref().kind().equals(kind) && o.object().ref().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + "/" + name + " not in " + s));
  }

  @Test
  @DisplayName(
      "converged: the hydrated objects equal what Argo CD applied, exit 0, no change shown")
  void convergedIsEmpty() {
    HydratedTree tree = tree("v3.4", TOKEN_OLD, false);
    argoApplies(tree);

    HydratedSection s = diff(tree);

    assertEquals(new Summary(0, 0, 0, 3), s.summary(), () -> s.applications().toString());
    DiffReport report = new DiffReport(null, null, null, s, List.of());
    assertEquals(0, DiffExitCodes.forReport(report, DiffExitCodes.Convention.DEFAULT));
    String text = new DiffTextWriter(false).render(report);
    assertTrue(
        text.endsWith("No changes. Plan: 0 to create, 0 to update, 0 to delete, 3 unchanged.\n"),
        text);
    assertEquals(List.of(), cluster.dispatcher().writes());
  }

  @Test
  @DisplayName("a new image in the chart is a field change of the live Deployment")
  void imageBumpIsAFieldChange() {
    argoApplies(tree("v3.4", TOKEN_OLD, false));

    HydratedSection s = diff(tree("v3.5", TOKEN_OLD, false));

    HydratedObjectDiff deployment = object(s, "Deployment", "traefik");
    assertEquals(ChangeKind.UPDATE, deployment.change());
    assertEquals(
        List.of(
            new FieldChange(
                "spec.template.spec.containers[0].image",
                "docker.io/traefik:v3.4",
                "docker.io/traefik:v3.5")),
        deployment.fields());
    assertEquals(cluster.url(), s.against());
    String text = new DiffTextWriter(false).render(new DiffReport(null, null, null, s, List.of()));
    assertTrue(
        text.contains(
            "Deployment traefik/traefik: spec.template.spec.containers[0].image"
                + " docker.io/traefik:v3.4 -> docker.io/traefik:v3.5\n"),
        text);
    assertEquals(List.of(), cluster.dispatcher().writes());
  }

  @Test
  @DisplayName("an object the chart no longer renders, tracked to the Application, is a deletion")
  void removedObjectIsADeletion() {
    argoApplies(tree("v3.4", TOKEN_OLD, true));
    // untracked, and tracked by another Application: neither is this Application's to delete
    cluster
        .client()
        .serviceAccounts()
        .inNamespace("traefik")
        .resource(
            new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata()
                .withName("by-hand")
                .withNamespace("traefik")
                .endMetadata()
                .build())
        .create();
    cluster
        .client()
        .serviceAccounts()
        .inNamespace("traefik")
        .resource(
            new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata()
                .withName("other-app")
                .withNamespace("traefik")
                .addToAnnotations(
                    io.clusterfactory.cfctl.core.manifest.ArgoTrackingId.ANNOTATION,
                    "network-traefik-extra:/ServiceAccount:traefik/x")
                .endMetadata()
                .build())
        .create();
    cluster.dispatcher().clearRequests();

    HydratedSection s = diff(tree("v3.4", TOKEN_OLD, false));

    assertEquals(new Summary(0, 0, 1, 3), s.summary(), () -> s.applications().toString());
    HydratedObjectDiff gone = object(s, "ServiceAccount", "traefik-legacy");
    assertEquals(ChangeKind.DELETE, gone.change());
    assertEquals("no longer rendered by the chart: Argo CD prunes it", gone.object().note());
    String text = new DiffTextWriter(false).render(new DiffReport(null, null, null, s, List.of()));
    assertTrue(text.contains("  - delete ServiceAccount traefik/traefik-legacy\n"), text);
    assertFalse(text.contains("by-hand") || text.contains("other-app"), text);
    assertEquals(List.of(), cluster.dispatcher().writes());
  }

  @Test
  @DisplayName("a chart Secret whose value changes is masked in every format, per key")
  void chartSecretMasked() {
    argoApplies(tree("v3.4", TOKEN_OLD, false));

    HydratedSection s = diff(tree("v3.4", TOKEN_NEW, false));

    HydratedObjectDiff secret = object(s, "Secret", "traefik-token");
    assertEquals(ChangeKind.UPDATE, secret.change());
    assertEquals(
        List.of(new SecretKeyDiff("token", KeyChange.CHANGED)), secret.object().secretKeys());
    DiffReport report = new DiffReport(null, null, null, s, List.of());
    for (DiffFormat format : DiffFormat.values()) {
      String out = format.renderer(false).render(report);
      for (String plain : List.of(TOKEN_OLD, TOKEN_NEW)) {
        assertFalse(out.contains(plain), format + ": " + out);
        assertFalse(
            out.contains(
                Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8))),
            format + ": " + out);
      }
    }
  }

  @Test
  @DisplayName("an empty cluster: every chart object is a creation; an unhydrated app is listed")
  void emptyClusterAndUnhydrated() {
    HydratedTree hydrated = tree("v3.4", TOKEN_OLD, false);
    HydratedTree tree =
        new HydratedTree(
            hydrated.applications(),
            List.of(
                new Unhydrated(
                    "gitops-cert-manager",
                    new ChartRef(
                        ChartRef.Kind.OCI,
                        "oci://quay.io/jetstack/charts",
                        "cert-manager",
                        "v1.18.2"),
                    "pull failed: no route to host")));

    HydratedSection s = diff(tree);

    assertEquals(new Summary(3, 0, 0, 0), s.summary());
    assertTrue(s.incomplete());
    assertTrue(object(s, "ClusterRole", "traefik").object().ref().namespace().isEmpty());
    String text = new DiffTextWriter(false).render(new DiffReport(null, null, null, s, List.of()));
    assertTrue(
        text.contains(
            "  not compared: could not hydrate gitops-cert-manager"
                + " (oci://quay.io/jetstack/charts cert-manager v1.18.2): pull failed: no route to"
                + " host\n"),
        text);
    assertTrue(text.contains("Note: the diff is incomplete"), text);
  }
}
