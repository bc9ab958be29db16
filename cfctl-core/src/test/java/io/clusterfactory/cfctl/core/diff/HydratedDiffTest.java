package io.clusterfactory.cfctl.core.diff;

import static io.clusterfactory.cfctl.core.diff.SampleReports.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.gitops.CommitOptions;
import io.clusterfactory.cfctl.core.gitops.GitAuth;
import io.clusterfactory.cfctl.core.gitops.GitPublisher;
import io.clusterfactory.cfctl.core.gitops.HostKeyPolicy;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.MapHydrator;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart objects part of a diff, offline: two trees hydrated by a fake hydrator, compared. */
class HydratedDiffTest {
  @TempDir Path tmp;

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: traefik
        labels: {app.kubernetes.io/name: traefik}
      spec:
        replicas: ${replicas}
        selector: {matchLabels: {app: traefik}}
        template:
          metadata: {labels: {app: traefik}}
          spec:
            containers:
              - name: traefik
                image: traefik:${image.tag}
                args: [--entrypoints.web.address=:8000%s]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: traefik}
      rules: [{apiGroups: [""], resources: [services], verbs: [get]}]
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: traefik-token}
      stringData:
        token: ${token}
      """;

  /** 37.0.0 has a ServiceAccount 37.1.0 dropped; 37.1.0 adds a ConfigMap and an argument. */
  static final Map<String, String> CHARTS =
      Map.of(
          "traefik@37.0.0",
          DEPLOYMENT.formatted("")
              + "---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: traefik-legacy}\n",
          "traefik@37.1.0",
          DEPLOYMENT.formatted(", --ping")
              + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: traefik-extra}\n"
              + "data: {a: b}\n",
          "cert-manager@v1.18.2",
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n");

  static final String TOKEN_OLD = "t0ken-old-value-1";
  static final String TOKEN_NEW = "t0ken-new-value-2";

  static String application(String name, String chart, String version, String namespace) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: %1$s
          namespace: argocd
        spec:
          destination: {namespace: %4$s, server: https://kubernetes.default.svc}
          project: network
          sources:
            - chart: %2$s
              helm:
                releaseName: %2$s
                valueFiles: [$values/clusters/lab/values/%1$s.yaml]
              repoURL: https://charts.example.com
              targetRevision: "%3$s"
            - ref: values
              repoURL: file:///srv/gitops.git
              targetRevision: main
        """
        .formatted(name, chart, version, namespace);
  }

  static SortedMap<String, byte[]> tree(String version, String tag, String token) {
    return files(
        "apps/network/traefik.yaml",
        application("network-traefik", "traefik", version, "traefik"),
        "values/network-traefik.yaml",
        "replicas: 1\nimage: {tag: " + tag + "}\ntoken: " + token + "\n",
        "apps/gitops/cert-manager.yaml",
        application("gitops-cert-manager", "cert-manager", "v1.18.2", "cert-manager"),
        "values/gitops-cert-manager.yaml",
        "{}\n");
  }

  private final MapHydrator hydrator = new MapHydrator(CHARTS);

  private HydratedSection compare(SortedMap<String, byte[]> base, SortedMap<String, byte[]> pr) {
    return HydratedDiffer.compareTrees(
        "git main at 1a2b3c4d5e6f",
        hydrator.hydrate(OfflineDiff.treeOf(base)),
        hydrator.hydrate(OfflineDiff.treeOf(pr)));
  }

  private static DiffReport report(HydratedSection section) {
    return new DiffReport(null, null, null, section, List.of());
  }

  private static HydratedObjectDiff object(HydratedSection s, String kind, String name) {
    return s.applications().stream()
        .flatMap(a -> a.objects().stream())
        .filter(o -> o.object().ref().kind().equals(kind) && o.object().ref().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + "/" + name + " not in " + s));
  }

  @Test
  @DisplayName("a chart version bump shows the object changes it causes, in every format")
  void chartBumpShowsObjectChanges() throws Exception {
    HydratedSection s =
        compare(tree("37.0.0", "v3.4", TOKEN_OLD), tree("37.1.0", "v3.4", TOKEN_OLD));

    ApplicationDiff traefik = s.applications().get(1);
    assertEquals("network-traefik", traefik.application());
    assertEquals("https://charts.example.com traefik 37.0.0", traefik.chartBefore());
    assertEquals("https://charts.example.com traefik 37.1.0", traefik.chartAfter());
    assertEquals(new Summary(1, 1, 1, 2), traefik.summary());
    assertEquals(new Summary(0, 0, 0, 1), s.applications().get(0).summary());
    HydratedObjectDiff deployment = object(s, "Deployment", "traefik");
    assertEquals(ChangeKind.UPDATE, deployment.change());
    assertEquals(
        List.of(new FieldChange("spec.template.spec.containers[0].args[1]", null, "--ping")),
        deployment.fields());
    assertEquals(ChangeKind.CREATE, object(s, "ConfigMap", "traefik-extra").change());
    assertEquals(ChangeKind.DELETE, object(s, "ServiceAccount", "traefik-legacy").change());
    assertEquals(ChangeKind.UNCHANGED, object(s, "ClusterRole", "traefik").change());

    DiffReport report = report(s);
    assertTrue(report.hasChanges());
    assertEquals(new Summary(1, 1, 1, 3), report.summary());
    assertEquals(1, DiffExitCodes.forReport(report, DiffExitCodes.Convention.DEFAULT));

    String text = new DiffTextWriter(false).render(report);
    assertTrue(text.contains("Chart objects against git main at 1a2b3c4d5e6f"), text);
    assertTrue(
        text.contains(
            "network-traefik: https://charts.example.com traefik 37.0.0 ->"
                + " https://charts.example.com traefik 37.1.0 (1 to create, 1 to update,"
                + " 1 to delete, 2 unchanged)"),
        text);
    assertTrue(
        text.contains(
            "      Deployment traefik/traefik: spec.template.spec.containers[0].args[1] (none)"
                + " -> --ping\n"),
        text);
    assertTrue(text.contains("  + create ConfigMap traefik/traefik-extra\n"), text);
    assertTrue(text.contains("  - delete ServiceAccount traefik/traefik-legacy\n"), text);
    assertTrue(text.endsWith("Plan: 1 to create, 1 to update, 1 to delete, 3 unchanged.\n"), text);

    JsonNode json = new ObjectMapper().readTree(new DiffJsonWriter().render(report));
    assertTrue(json.get("changed").asBoolean());
    assertFalse(json.get("incomplete").asBoolean());
    JsonNode app = json.at("/hydrated/applications/1");
    assertEquals("network-traefik", app.get("application").asText());
    assertEquals("https://charts.example.com traefik 37.1.0", app.at("/chart/after").asText());
    JsonNode dep = findObject(app.get("objects"), "Deployment", "traefik");
    assertEquals("update", dep.get("action").asText());
    assertEquals("spec.template.spec.containers[0].args[1]", dep.at("/fields/0/path").asText());
    assertTrue(dep.at("/fields/0/before").isNull());
    assertEquals("--ping", dep.at("/fields/0/after").asText());
    assertTrue(dep.get("diff").asText().contains("+        - --ping\n"), dep.get("diff").asText());
    assertEquals(
        "delete",
        findObject(app.get("objects"), "ServiceAccount", "traefik-legacy").get("action").asText());

    String yaml = new DiffYamlWriter().render(report);
    JsonNode fromYaml = CanonicalYaml.TREE.mapper().readTree(yaml);
    assertEquals(json, fromYaml);

    String md = new DiffMarkdownWriter(DiffMarkdownWriter.GITHUB_COMMENT_LIMIT).render(report);
    assertTrue(md.contains("| Chart objects | 1 | 1 | 1 | 3 |"), md);
    assertTrue(
        md.contains(
            "<b>charts: network-traefik (https://charts.example.com traefik 37.0.0 →"
                + " https://charts.example.com traefik 37.1.0)</b>"),
        md);
    assertTrue(md.contains("**update** `Deployment traefik/traefik`"), md);
    assertTrue(md.contains("- `spec.template.spec.containers[0].args[1]`: (none) → `--ping`"), md);
    assertTrue(md.contains("**create** `ConfigMap traefik/traefik-extra`"), md);
    assertTrue(md.contains("**delete** `ServiceAccount traefik/traefik-legacy`"), md);
  }

  private static JsonNode findObject(JsonNode objects, String kind, String name) {
    for (JsonNode o : objects) {
      if (o.get("kind").asText().equals(kind) && o.get("name").asText().equals(name)) {
        return o;
      }
    }
    throw new AssertionError(kind + "/" + name + " not in " + objects);
  }

  @Test
  @DisplayName("a values change shows the field it changes: the image tag")
  void valuesChangeShowsTheField() {
    HydratedSection s =
        compare(tree("37.1.0", "v3.4", TOKEN_OLD), tree("37.1.0", "v3.5", TOKEN_OLD));

    assertEquals(new Summary(0, 1, 0, 4), s.summary());
    HydratedObjectDiff deployment = object(s, "Deployment", "traefik");
    assertEquals(
        List.of(
            new FieldChange(
                "spec.template.spec.containers[0].image", "traefik:v3.4", "traefik:v3.5")),
        deployment.fields());
    String text = new DiffTextWriter(false).render(report(s));
    assertTrue(
        text.contains(
            "Deployment traefik/traefik: spec.template.spec.containers[0].image traefik:v3.4 ->"
                + " traefik:v3.5\n"),
        text);
  }

  @Test
  @DisplayName("a Secret a chart renders is masked in every format; its key is reported changed")
  void chartSecretIsMasked() {
    HydratedSection s =
        compare(tree("37.1.0", "v3.4", TOKEN_OLD), tree("37.1.0", "v3.4", TOKEN_NEW));

    HydratedObjectDiff secret = object(s, "Secret", "traefik-token");
    assertEquals(ChangeKind.UPDATE, secret.change());
    assertEquals(
        List.of(new SecretKeyDiff("token", KeyChange.CHANGED)), secret.object().secretKeys());
    assertTrue(
        secret.object().unifiedDiff().startsWith("--- base/v1.Secret.traefik.traefik-token\n"));
    assertEquals(
        List.of(new FieldChange("data.token", SecretMasking.MASK_BEFORE, SecretMasking.MASK_AFTER)),
        secret.fields());
    DiffReport report = report(s);
    for (DiffFormat format : DiffFormat.values()) {
      String out = format.renderer(false).render(report);
      for (String plain : List.of(TOKEN_OLD, TOKEN_NEW)) {
        String base64 = Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        assertFalse(out.contains(plain), format + ": " + out);
        assertFalse(out.contains(base64), format + ": " + out);
      }
      assertTrue(out.contains("***"), format + ": " + out);
    }
  }

  @Test
  @DisplayName(
      "an Application that could not be hydrated is listed, the diff says it is incomplete")
  void unhydratedIsReported() throws Exception {
    MapHydrator broken =
        new MapHydrator(CHARTS).failing("cert-manager", "registry unreachable: connect timed out");
    SortedMap<String, byte[]> same = tree("37.1.0", "v3.4", TOKEN_OLD);
    HydratedSection s =
        HydratedDiffer.compareTrees(
            "git main at 1a2b3c4d5e6f",
            hydrator.hydrate(OfflineDiff.treeOf(same)),
            broken.hydrate(OfflineDiff.treeOf(same)));

    assertEquals(
        List.of(
            new NotHydrated(
                "gitops-cert-manager",
                "https://charts.example.com cert-manager v1.18.2",
                "registry unreachable: connect timed out",
                "")),
        s.notCompared());
    assertEquals(
        List.of("network-traefik"),
        s.applications().stream().map(ApplicationDiff::application).toList());
    DiffReport report = report(s);
    assertFalse(report.hasChanges());
    assertTrue(report.incomplete());
    assertTrue(report.hydrationBlocksApply(), "apply would stop on the unreachable chart");
    assertEquals(3, DiffExitCodes.forReport(report, DiffExitCodes.Convention.DETAILED));

    String text = new DiffTextWriter(false).render(report);
    assertTrue(
        text.contains(
            "  not compared: could not hydrate gitops-cert-manager"
                + " (https://charts.example.com cert-manager v1.18.2): registry unreachable:"
                + " connect timed out\n"),
        text);
    assertTrue(
        text.contains(
            "Note: the diff is incomplete: 1 Application could not be hydrated, their objects"
                + " were not compared\n"),
        text);
    JsonNode json = new ObjectMapper().readTree(new DiffJsonWriter().render(report));
    assertTrue(json.get("incomplete").asBoolean());
    assertFalse(json.get("changed").asBoolean());
    assertTrue(json.at("/hydrated/incomplete").asBoolean());
    assertEquals("gitops-cert-manager", json.at("/hydrated/notCompared/0/application").asText());
    assertEquals(
        "registry unreachable: connect timed out",
        json.at("/hydrated/notCompared/0/reason").asText());
    String md = new DiffMarkdownWriter(DiffMarkdownWriter.GITHUB_COMMENT_LIMIT).render(report);
    assertTrue(md.contains("> **Incomplete:**"), md);
    assertTrue(md.contains("> - not compared: could not hydrate gitops-cert-manager"), md);
  }

  @Test
  @DisplayName("the base tree's unhydratable Application is not compared either, never all created")
  void unhydratedBaseIsNotAllCreations() {
    MapHydrator broken = new MapHydrator(CHARTS).failing("cert-manager", "no network");
    SortedMap<String, byte[]> same = tree("37.1.0", "v3.4", TOKEN_OLD);
    HydratedSection s =
        HydratedDiffer.compareTrees(
            "x",
            broken.hydrate(OfflineDiff.treeOf(same)),
            hydrator.hydrate(OfflineDiff.treeOf(same)));

    assertEquals("base", s.notCompared().get(0).side());
    assertEquals(
        "could not hydrate gitops-cert-manager in the base tree"
            + " (https://charts.example.com cert-manager v1.18.2): no network",
        s.notCompared().get(0).sentence());
    assertFalse(s.hasChanges());
  }

  @Test
  @DisplayName("equal trees: nothing changes, exit 0, the text says no changes")
  void convergedIsEmpty() {
    SortedMap<String, byte[]> same = tree("37.1.0", "v3.4", TOKEN_OLD);
    DiffReport report = report(compare(same, same));

    assertFalse(report.hasChanges());
    assertEquals(0, DiffExitCodes.forReport(report, DiffExitCodes.Convention.DEFAULT));
    String text = new DiffTextWriter(false).render(report);
    assertTrue(
        text.endsWith("No changes. Plan: 0 to create, 0 to update, 0 to delete, 5 unchanged.\n"),
        text);
    assertFalse(text.contains("traefik/"), text);
  }

  @Test
  @DisplayName("offline, a chart's hook is compared like any rendered object")
  void offlineComparesHooks() {
    String hook =
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n"
            + "  annotations: {helm.sh/hook: pre-upgrade}\n"
            + "spec: {template: {spec: {containers: [{name: m, image: \"app:${image.tag}\"}]}}}\n";
    MapHydrator hooks = new MapHydrator(Map.of("*", hook));
    HydratedSection s =
        HydratedDiffer.compareTrees(
            "x",
            hooks.hydrate(OfflineDiff.treeOf(tree("37.1.0", "v3.4", TOKEN_OLD))),
            hooks.hydrate(OfflineDiff.treeOf(tree("37.1.0", "v3.5", TOKEN_OLD))));

    HydratedObjectDiff job = s.applications().get(1).objects().get(0);
    assertEquals("network-traefik", s.applications().get(1).application());
    assertEquals("Job traefik/migrate", job.shortName());
    assertEquals(ChangeKind.UPDATE, job.change());
    assertEquals(
        List.of(new FieldChange("spec.template.spec.containers[0].image", "app:v3.4", "app:v3.5")),
        job.fields());
    assertTrue(
        HydratedDiffer.isHook(
            Map.of("metadata", Map.of("annotations", Map.of("helm.sh/hook", "pre-upgrade")))));
    assertFalse(HydratedDiffer.isHook(Map.of("metadata", Map.of("name", "x"))));
  }

  @Test
  @DisplayName("objects are compared as Argo CD applies them: namespace and tracking annotation")
  void argoView() {
    HydratedTree t = hydrator.hydrate(OfflineDiff.treeOf(tree("37.1.0", "v3.4", TOKEN_OLD)));
    var views =
        HydratedDiffer.views(
            t.application("network-traefik").orElseThrow(), HydratedDiffer.offlineScope(t));

    HydratedDiffer.View deployment =
        views.get(ObjectRef.of("apps/v1", "Deployment", "traefik", "traefik").identity());
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) deployment.body().get("metadata");
    assertEquals("traefik", meta.get("namespace"));
    assertEquals(
        Map.of("argocd.argoproj.io/tracking-id", "network-traefik:apps/Deployment:traefik/traefik"),
        meta.get("annotations"));
    assertEquals(Map.of("app.kubernetes.io/name", "traefik"), meta.get("labels"));
    HydratedDiffer.View role =
        views.get(
            ObjectRef.of("rbac.authorization.k8s.io/v1", "ClusterRole", "", "traefik").identity());
    @SuppressWarnings("unchecked")
    Map<String, Object> roleMeta = (Map<String, Object>) role.body().get("metadata");
    assertFalse(roleMeta.containsKey("namespace"));
    assertEquals(
        "network-traefik:rbac.authorization.k8s.io/ClusterRole:traefik/traefik",
        ((Map<?, ?>) roleMeta.get("annotations")).get("argocd.argoproj.io/tracking-id"));
  }

  @Test
  @DisplayName(
      "offline: the base branch of a real bare repository and the PR's tree, both hydrated")
  void offlineAgainstBareRepository() throws Exception {
    Path bare = tmp.resolve("remote.git");
    org.eclipse.jgit.api.Git.init()
        .setBare(true)
        .setDirectory(bare.toFile())
        .setInitialBranch("main")
        .call()
        .close();
    GitopsSpec.Repository spec =
        new GitopsSpec.Repository(bare.toUri().toString(), "main", "clusters/lab");
    GitPublisher publisher =
        new GitPublisher(
            tmp.resolve("cache"),
            GitAuth.defaults(tmp.resolve("home"), null, HostKeyPolicy.STRICT, Map.of()));
    String commit =
        publisher
            .publish(
                spec,
                tree("37.0.0", "v3.4", TOKEN_OLD),
                CommitOptions.defaults(),
                new MutationGuard(false))
            .commitId();
    SortedMap<String, byte[]> pr = tree("37.1.0", "v3.5", TOKEN_OLD);

    HydratedSection s =
        OfflineDiff.hydratedSection(
            hydrator,
            publisher.readTree(spec, "main"),
            "main",
            hydrator.hydrate(OfflineDiff.treeOf(pr)));

    assertEquals("git main at " + commit.substring(0, 12), s.against());
    assertEquals(new Summary(1, 1, 1, 3), s.summary());
    assertEquals(
        List.of(
            new FieldChange("spec.template.spec.containers[0].args[1]", null, "--ping"),
            new FieldChange(
                "spec.template.spec.containers[0].image", "traefik:v3.4", "traefik:v3.5")),
        object(s, "Deployment", "traefik").fields());
    assertEquals(2, hydrator.calls());
  }

  @Test
  @DisplayName(
      "a branch with no commit yet: every chart object is a creation, nothing hydrated for it")
  void emptyBase() {
    HydratedSection s =
        OfflineDiff.hydratedSection(
            hydrator,
            io.clusterfactory.cfctl.core.gitops.TreeSnapshot.empty(),
            "main",
            hydrator.hydrate(OfflineDiff.treeOf(tree("37.1.0", "v3.4", TOKEN_OLD))));

    assertEquals("git main at (no commit yet)", s.against());
    assertEquals(new Summary(5, 0, 0, 0), s.summary());
    assertEquals(1, hydrator.calls());
  }
}
