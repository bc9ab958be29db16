package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts in a Git repository: a bare repository the test makes with JGit, read over file:// (unit
 * tier: no socket), rendered by helm-java.
 */
class GitChartSourceTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path tmp;
  private Path bare;
  private Git work;
  private ChartCache cache;

  @BeforeEach
  void repository() throws Exception {
    bare = tmp.resolve("charts.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    work = Git.init().setDirectory(tmp.resolve("work").toFile()).setInitialBranch("main").call();
    work.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(url())).call();
    cache = new ChartCache(tmp.resolve("cache"));
    Map<String, String> files = new LinkedHashMap<>();
    files.put("charts/demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
    files.put("charts/demo/values.yaml", "greeting: chart-default\nsecond: chart-default\n");
    files.put(
        "charts/demo/templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n"
            + "  namespace: {{ .Release.Namespace }}\ndata:\n"
            + "  greeting: {{ .Values.greeting | quote }}\n"
            + "  second: {{ .Values.second | quote }}\n"
            + "  third: {{ .Values.third | default \"unset\" | quote }}\n");
    files.put(
        "charts/demo/crds/widget.yaml",
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
            + "metadata:\n  name: widgets.example.org\n");
    files.put("charts/demo/values-prod.yaml", "greeting: prod\n");
    files.put("envs/prod/demo.yaml", "second: env\n");
    commit(files, "chart demo");
    work.tag().setName("v1").setAnnotated(true).setMessage("v1").call();
    push();
  }

  private String url() {
    return bare.toUri().toString();
  }

  private RevCommit commit(Map<String, String> files, String message) throws Exception {
    Path root = work.getRepository().getWorkTree().toPath();
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    work.add().addFilepattern(".").call();
    return work.commit()
        .setMessage(message)
        .setAuthor("t", "t@example.org")
        .setCommitter("t", "t@example.org")
        .setSign(false)
        .call();
  }

  private void push() throws Exception {
    work.push()
        .setRemote("origin")
        .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
        .setPushTags()
        .call();
  }

  private String head() throws Exception {
    return work.getRepository().resolve("refs/heads/main").name();
  }

  private static RenderedTree tree(String repo, String path, String revision, String valueFiles)
      throws Exception {
    ObjectNode app =
        (ObjectNode)
            YAML.readTree(
                "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: demo-app\n"
                    + "spec:\n  destination:\n    namespace: demo-ns\n  source:\n"
                    + "    repoURL: "
                    + repo
                    + "\n    path: "
                    + path
                    + "\n    targetRevision: "
                    + revision
                    + "\n    helm:\n      releaseName: rel\n      valueFiles: "
                    + valueFiles
                    + "\n");
    TreeMap<String, byte[]> files = new TreeMap<>();
    files.put("software/demo/values.yaml", "third: from-the-tree\n".getBytes());
    return TestCharts.treeOf(app, files);
  }

  private HelmHydrator hydrator() {
    return new HelmHydrator(cache, Map.of(), Deadline.in(Duration.ofSeconds(60)).at());
  }

  private static ObjectNode configMap(HydratedTree t) {
    assertTrue(t.complete(), () -> t.missing().toString());
    return t.application("demo-app").orElseThrow().objects().stream()
        .map(HydratedApplication.HydratedObject::body)
        .filter(b -> b.path("kind").asText().equals("ConfigMap"))
        .findFirst()
        .orElseThrow();
  }

  private static final String VALUE_FILES =
      "[values-prod.yaml, ../../envs/prod/demo.yaml,"
          + " $values/clusters/c1/software/demo/values.yaml]";

  @Test
  void aChartAtABranchAndAtATagRendersWithValueFilesOfTheSameRepositoryInOrder() throws Exception {
    for (String revision : List.of("main", "v1")) {
      HelmHydrator h = hydrator();
      HydratedTree t = h.hydrate(tree(url(), "charts/demo", revision, VALUE_FILES));
      ObjectNode cm = configMap(t);
      assertEquals("rel-cm", cm.at("/metadata/name").asText());
      assertEquals("demo-ns", cm.at("/metadata/namespace").asText());
      assertEquals("prod", cm.at("/data/greeting").asText(), "beside the chart");
      assertEquals("env", cm.at("/data/second").asText(), "elsewhere in the repository");
      assertEquals("from-the-tree", cm.at("/data/third").asText(), "$values/ of the tree");
      HydratedApplication a = t.application("demo-app").orElseThrow();
      assertEquals(
          "CustomResourceDefinition",
          a.objects().get(0).body().path("kind").asText(),
          "CRDs first");
      ChartLock.Entry entry = h.pulledCharts().get(0);
      assertEquals(new ChartLock.Entry(url(), "charts/demo", revision, a.digest(), head()), entry);
      assertEquals(List.of(url() + " charts/demo " + revision), h.unlocked());
    }
  }

  @Test
  void theSameContentGivesTheSameDigestAndAMovedBranchIsReadAgain() throws Exception {
    RenderedTree main = tree(url(), "charts/demo", "main", "[]");
    HelmHydrator first = hydrator();
    assertEquals("chart-default", configMap(first.hydrate(main)).at("/data/greeting").asText());
    ChartLock.Entry before = first.pulledCharts().get(0);
    Files.walk(cache.root().resolve("sha256"))
        .filter(Files::isRegularFile)
        .forEach(
            p -> {
              try {
                Files.delete(p);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    HelmHydrator repackaged = hydrator();
    repackaged.hydrate(main);
    assertEquals(before, repackaged.pulledCharts().get(0), "packaged again, the same bytes");

    commit(Map.of("README.md", "unrelated\n"), "readme");
    push();
    HelmHydrator unrelated = hydrator();
    unrelated.hydrate(main);
    ChartLock.Entry moved = unrelated.pulledCharts().get(0);
    assertEquals(head(), moved.commit(), "the branch's new commit is read");
    assertNotEquals(before.commit(), moved.commit());
    assertEquals(before.digest(), moved.digest(), "the chart did not change");

    commit(Map.of("charts/demo/values.yaml", "greeting: moved\n"), "chart changed");
    push();
    HelmHydrator changed = hydrator();
    assertEquals("moved", configMap(changed.hydrate(main)).at("/data/greeting").asText());
    assertNotEquals(before.digest(), changed.pulledCharts().get(0).digest());

    HelmHydrator locked =
        new HelmHydrator(
            cache,
            Map.of(url() + " charts/demo main", before.digest()),
            Deadline.in(Duration.ofSeconds(60)).at());
    HydratedTree refused = locked.hydrate(main);
    assertTrue(refused.missing().get(0).lockRefused(), refused.missing().toString());

    HelmHydrator otherRepository =
        new HelmHydrator(
            cache,
            Map.of("file:///elsewhere.git charts/demo main", before.digest()),
            Deadline.in(Duration.ofSeconds(60)).at());
    assertTrue(
        otherRepository.hydrate(main).complete(),
        "another repository's entry of the same path and revision is not this chart's pin");
    assertEquals(List.of(url() + " charts/demo main"), otherRepository.unlocked());
  }

  @Test
  void aMissingPathOrRevisionIsNotHydratedWithTheReason() throws Exception {
    HydratedTree t = hydrator().hydrate(tree(url(), "charts/nope", "main", "[]"));
    assertEquals(1, t.missing().size());
    String reason = t.missing().get(0).reason();
    assertTrue(reason.contains("charts/nope does not exist"), reason);
    assertTrue(reason.contains(head()), reason);

    HydratedTree noRevision = hydrator().hydrate(tree(url(), "charts/demo", "nope", "[]"));
    String why = noRevision.missing().get(0).reason();
    assertTrue(why.contains("revision nope is no branch, tag or commit"), why);

    HydratedTree notAChart = hydrator().hydrate(tree(url(), "envs", "main", "[]"));
    assertTrue(
        notAChart.missing().get(0).reason().contains("no Chart.yaml"),
        notAChart.missing().toString());
  }

  @Test
  void aCommitIdIsReadAndAFileDependencyIsBuiltFromTheSameCommit() throws Exception {
    commit(
        Map.of(
            "charts/lib/Chart.yaml",
            "apiVersion: v2\nname: lib\nversion: 0.2.0\n",
            "charts/lib/templates/sa.yaml",
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: lib-sa\n",
            "charts/app/Chart.yaml",
            "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n"
                + "- name: lib\n  version: 0.2.0\n  repository: file://../lib\n",
            "charts/app/templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-cm\n"),
        "app with a local dependency");
    push();
    HelmHydrator h = hydrator();
    HydratedTree t = h.hydrate(tree(url(), "charts/app", head(), "[]"));
    assertTrue(t.complete(), () -> t.missing().toString());
    assertEquals(
        Set.of("ConfigMap/app-cm", "ServiceAccount/lib-sa"),
        Set.copyOf(
            t.application("demo-app").orElseThrow().objects().stream()
                .map(
                    o ->
                        o.body().path("kind").asText()
                            + "/"
                            + o.body().at("/metadata/name").asText())
                .toList()));
    assertEquals(head(), h.pulledCharts().get(0).commit());
  }

  /**
   * Helm's --include-crds, which Argo CD passes: the CRDs of a packaged subchart come too, unless
   * its dependency's condition is false in the values the chart renders with.
   */
  @Test
  void theCrdsOfAnEnabledPackagedSubchartComeFirstAndADisabledOnesDoNot() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("charts/op/Chart.yaml", "apiVersion: v2\nname: op\nversion: 0.3.0\n");
    files.put(
        "charts/op/crds/gadget.yaml",
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
            + "metadata:\n  name: gadgets.example.org\n");
    files.put(
        "charts/stack/Chart.yaml",
        "apiVersion: v2\nname: stack\nversion: 1.0.0\ndependencies:\n"
            + "- name: op\n  version: 0.3.0\n  repository: file://../op\n"
            + "  condition: op.enabled\n");
    files.put("charts/stack/values.yaml", "op:\n  enabled: true\n");
    files.put("charts/stack/values-off.yaml", "op:\n  enabled: false\n");
    files.put(
        "charts/stack/templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stack-cm\n");
    commit(files, "a stack with a packaged operator subchart");
    push();

    HydratedTree on = hydrator().hydrate(tree(url(), "charts/stack", head(), "[]"));
    assertTrue(on.complete(), () -> on.missing().toString());
    List<HydratedApplication.HydratedObject> objects =
        on.application("demo-app").orElseThrow().objects();
    assertEquals("gadgets.example.org", objects.get(0).body().at("/metadata/name").asText());
    assertEquals("stack/charts/op/crds/gadget.yaml", objects.get(0).source());
    assertEquals(
        1,
        objects.stream()
            .filter(o -> o.body().path("kind").asText().equals("CustomResourceDefinition"))
            .count(),
        "once: " + objects);

    HydratedTree off = hydrator().hydrate(tree(url(), "charts/stack", head(), "[values-off.yaml]"));
    assertTrue(off.complete(), () -> off.missing().toString());
    assertTrue(
        off.application("demo-app").orElseThrow().objects().stream()
            .noneMatch(o -> o.body().path("kind").asText().equals("CustomResourceDefinition")),
        "op.enabled: false leaves the subchart, and its CRDs, out");
  }

  @Test
  void anUnvendoredDependencyThatCannotBeBuiltIsNotHydratedWithTheReason() throws Exception {
    commit(
        Map.of(
            "charts/broken/Chart.yaml",
            "apiVersion: v2\nname: broken\nversion: 1.0.0\ndependencies:\n"
                + "- name: gone\n  version: 0.1.0\n  repository: file://../gone\n"),
        "broken dependency");
    push();
    HydratedTree t = hydrator().hydrate(tree(url(), "charts/broken", "main", "[]"));
    String reason = t.missing().get(0).reason();
    assertTrue(reason.contains("dependency file://../gone does not exist"), reason);
  }

  @Test
  void aLockEntryWithACommitReadsBack() {
    ChartLock lock =
        new ChartLock(
            List.of(
                new ChartLock.Entry(
                    "file:///srv/charts.git",
                    "charts/demo",
                    "main",
                    "sha256:" + "a".repeat(64),
                    "b".repeat(40)),
                new ChartLock.Entry(
                    "https://charts.example", "demo", "1.0", "sha256:" + "c".repeat(64))));
    String text = lock.write("");
    assertTrue(text.contains("commit: " + "b".repeat(40)), text);
    assertEquals(lock, ChartLockReader.read(text, "charts.lock.yaml"));
  }

  /**
   * The air-gap bundle's path for a chart kept in Git: pulled (packaged at the revision) as the
   * bundle collects it, its archive seeding the cache of an offline run, which hydrates it with the
   * value files of its folder and of the tree, and asks no Git remote.
   */
  @Test
  void aBundledGitChartHydratesOfflineFromItsArchiveAlone() throws Exception {
    String url = url(); // with its trailing slash while the folder exists
    ChartRef ref = new ChartRef(ChartRef.Kind.GIT, url, "charts/demo", "v1");
    HelmHydrator.PulledChart pulled = hydrator().pull(ref);
    byte[] archive = Files.readAllBytes(pulled.archive());
    assertEquals(ChartCache.digest(archive), pulled.digest());

    ChartCache seeded = new ChartCache(tmp.resolve("seeded"));
    seeded.store(ref, archive);
    Path gone = tmp.resolve("moved-away.git");
    Files.move(bare, gone);
    HydratedTree t =
        new HelmHydrator(seeded, Map.of(), Deadline.in(Duration.ofSeconds(60)).at())
            .offline("apply --bundle")
            .hydrate(
                tree(
                    url,
                    "charts/demo",
                    "v1",
                    "[values-prod.yaml, $values/clusters/c1/software/demo/values.yaml]"));
    ObjectNode cm = configMap(t);
    assertEquals("prod", cm.at("/data/greeting").asText(), "a value file of the chart's folder");
    assertEquals("from-the-tree", cm.at("/data/third").asText(), "$values/ of the tree");
    assertEquals(pulled.digest(), t.application("demo-app").orElseThrow().digest());

    HydratedTree outside =
        new HelmHydrator(seeded, Map.of(), Deadline.in(Duration.ofSeconds(60)).at())
            .offline("apply --bundle")
            .hydrate(tree(url, "charts/demo", "v1", "[../../envs/prod/demo.yaml]"));
    assertTrue(
        outside.missing().toString().contains("is not in the bundled chart folder"),
        outside.missing().toString());

    HydratedTree notBundled =
        new HelmHydrator(
                new ChartCache(tmp.resolve("empty")),
                Map.of(),
                Deadline.in(Duration.ofSeconds(60)).at())
            .offline("apply --bundle")
            .hydrate(tree(url, "charts/demo", "v1", "[]"));
    assertTrue(
        notBundled.missing().toString().contains("is not asked: apply --bundle"),
        notBundled.missing().toString());
  }
}
