package io.clusterfactory.cfctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.apply.phase.ValidateObjects;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.error.InvalidObjectsException;
import io.clusterfactory.cfctl.core.hydrate.ChartCache;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.LoopbackServer;
import io.clusterfactory.cfctl.core.hydrate.TestCharts;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The values check on charts the test makes with helm-java, served by a loopback Helm repository
 * and rendered by the real hydrator: keys no template reads, values.schema.json, subcharts.
 */
@MockApiTier
class ValuesCheckTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String APP = "software-demo";

  @TempDir Path tmp;
  private LoopbackServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Packages a chart made of {@code files} (paths under the chart folder) and serves it. */
  private String serve(Map<String, String> files) throws Exception {
    byte[] tgz = TestCharts.pack(tmp, "demo", "1.2.3", files);
    byte[] index = TestCharts.index("demo", "1.2.3", "demo.tgz");
    server =
        LoopbackServer.serve(
            path -> path.endsWith("/index.yaml") ? index : path.endsWith("/demo.tgz") ? tgz : null);
    return server.url("/repo");
  }

  /** A tree with one chart Application and its value files, in order. */
  private static RenderedTree tree(String repo, Map<String, String> valueFiles) throws Exception {
    StringBuilder refs = new StringBuilder();
    TreeMap<String, byte[]> files = new TreeMap<>();
    for (Map.Entry<String, String> f : valueFiles.entrySet()) {
      refs.append(refs.length() == 0 ? "" : ", ").append("$values/clusters/c1/" + f.getKey());
      files.put(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
    }
    ObjectNode app =
        (ObjectNode)
            YAML.readTree(
                "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: "
                    + APP
                    + "\nspec:\n  destination:\n    namespace: demo\n  sources:\n"
                    + "  - repoURL: "
                    + repo
                    + "\n    chart: demo\n    targetRevision: 1.2.3\n    helm:\n"
                    + "      releaseName: demo\n      valueFiles: ["
                    + refs
                    + "]\n  - repoURL: https://git.example/x.git\n    targetRevision: main\n"
                    + "    ref: values\n");
    return TestCharts.treeOf(app, files);
  }

  private HydratedTree hydrate(RenderedTree tree) {
    HydratedTree t =
        new HelmHydrator(
                new ChartCache(tmp.resolve("cache")),
                Map.of(),
                Deadline.in(Duration.ofSeconds(60)).at())
            .hydrate(tree);
    assertTrue(t.complete(), () -> t.missing().toString());
    return t;
  }

  private static final String CM =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include \"demo.name\" . }}\ndata:\n"
          + "  greeting: {{ .Values.greeting | quote }}\n"
          + "{{- with .Values.service }}\n  port: {{ .port | quote }}\n{{- end }}\n"
          + "  resources: {{ toYaml .Values.resources | quote }}\n"
          + "  team: {{ index .Values \"extra-labels\" \"team\" | quote }}\n";
  private static final String HELPERS =
      "{{- define \"demo.name\" -}}{{ default \"demo\" $.Values.nameOverride }}{{- end }}\n";

  @Test
  void aKeyNoTemplateReadsIsAWarningNamingTheKeyAndWhereItWasSet() throws Exception {
    String repo =
        serve(
            Map.of(
                "values.yaml", "greeting: hi\nservice:\n  port: 80\n",
                "templates/cm.yaml", CM,
                "templates/_helpers.tpl", HELPERS));
    Map<String, String> values = new LinkedHashMap<>();
    values.put(
        "values/software/demo.yaml",
        "greeting: hello\ngreting: typo\nservice:\n  port: 8080\n  prot: 1\n"
            + "resources:\n  limits:\n    cpu: 1\nextra-labels:\n  team: a\n  tema: b\n"
            + "nameOverride: x\n");
    values.put(
        "values/software/demo.site-1.yaml",
        "# from my-values.yaml beside cluster.yaml (listed after cfctl's values: it wins)\n"
            + "unknownTop: 1\n");
    HydratedTree t = hydrate(tree(repo, values));
    ObjectNode site = YAML.createObjectNode().put("greting", "typo");
    List<Finding> findings =
        new ValuesCheck(
                Map.of(
                    APP,
                    new ValuesCheck.SiteValues(
                        "cluster.yaml", "spec.software.demo", site, List.of("my-values.yaml"))))
            .check(t);
    List<String> lines = findings.stream().map(Finding::format).toList();
    assertEquals(4, findings.size(), lines::toString);
    assertTrue(findings.stream().allMatch(f -> f.severity() == Finding.Severity.WARNING));
    assertEquals(
        List.of("greting", "service.prot", "extra-labels.tema", "unknownTop"),
        findings.stream().map(Finding::path).toList());
    assertEquals("cluster.yaml", findings.get(0).file(), lines.get(0));
    assertTrue(lines.get(0).contains("spec.software.demo.values.greting"), lines.get(0));
    assertTrue(lines.get(0).contains("Application " + APP), lines.get(0));
    assertTrue(lines.get(0).contains("chart demo 1.2.3"), lines.get(0));
    assertEquals("values/software/demo.yaml", findings.get(1).file(), lines.get(1));
    assertEquals("my-values.yaml", findings.get(3).file(), lines.get(3));
    assertTrue(lines.get(3).contains("spec.software.demo.valuesFiles[0]"), lines.get(3));

    // the phase: warnings never stop a run and reach the run's notes (diff -o json prints them)
    ClusterContext ctx = context(Command.DIFF);
    ctx.hydrated(t);
    new ValidateObjects().run(ctx);
    assertTrue(
        ctx.notes().stream().anyMatch(n -> n.startsWith("warning: ") && n.contains(": greting: ")),
        ctx.notes()::toString);
  }

  private static ClusterContext context(Command command) {
    LoadedConfig config =
        new ConfigLoader(k -> null, ValidationMode.OFFLINE)
            .load(Path.of("../examples/network-only/cluster.yaml"));
    ClusterContext ctx = new ClusterContext(config, ApplyOptions.defaults().build(), command);
    ctx.tree(new RenderedTree(new TreeMap<>(), List.of(), List.of(), new TreeMap<>()));
    return ctx;
  }

  @Test
  void aValuesSchemaViolationExitsTwoWithTheKeyPathBeforeAnythingIsTouched() throws Exception {
    String repo =
        serve(
            Map.of(
                "values.yaml", "greeting: hi\nreplicas: 1\n",
                "values.schema.json",
                    "{\"type\":\"object\",\"properties\":{\"replicas\":{\"type\":\"integer\"},"
                        + "\"greeting\":{\"type\":\"string\"}}}",
                "templates/cm.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n"
                        + "  r: {{ .Values.replicas | quote }}\n  g: {{ .Values.greeting }}\n"));
    HydratedTree t = hydrate(tree(repo, Map.of("values/software/demo.yaml", "replicas: three\n")));
    List<Finding> findings = new ValuesCheck(Map.of()).check(t);
    List<String> lines = findings.stream().map(Finding::format).toList();
    assertEquals(1, findings.size(), lines::toString);
    Finding f = findings.get(0);
    assertTrue(f.isError());
    assertEquals("replicas", f.path());
    assertEquals("values/software/demo.yaml", f.file());
    assertTrue(f.message().contains("values.schema.json of chart demo 1.2.3"), f.message());
    assertTrue(f.message().contains("integer"), f.message());

    ClusterContext ctx = context(Command.APPLY);
    ctx.hydrated(t);
    InvalidObjectsException e =
        assertThrows(InvalidObjectsException.class, () -> new ValidateObjects().run(ctx));
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains(APP + ": replicas: values.schema.json"), e.getMessage());
  }

  @Test
  void aSubchartsKeysAreCheckedAgainstItsTemplatesAndSchemaAndGlobalAgainstAll() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("values.yaml", "greeting: hi\n");
    files.put(
        "templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n"
            + "  g: {{ .Values.greeting }}\n");
    files.put("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
    files.put("charts/sub/values.yaml", "feature: false\n");
    files.put(
        "charts/sub/values.schema.json",
        "{\"type\":\"object\",\"properties\":{\"feature\":{\"type\":\"boolean\"}}}");
    files.put(
        "charts/sub/templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sub\ndata:\n"
            + "  f: {{ .Values.feature | quote }}\n  d: {{ .Values.global.domain | quote }}\n");
    files.put(
        "charts/lib/Chart.yaml", "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n");
    files.put(
        "charts/lib/templates/_helpers.tpl",
        "{{- define \"lib.name\" -}}{{ .Values.fromLib }}{{- end }}\n");
    String repo = serve(files);
    HydratedTree ok =
        hydrate(
            tree(
                repo,
                Map.of(
                    "values/software/demo.yaml",
                    "fromLib: read by a library chart's helper\n"
                        + "sub:\n  feature: true\n  featur: true\nglobal:\n  domain: x.org\n"
                        + "  unusedGlobal: 1\n")));
    List<Finding> warnings = new ValuesCheck(Map.of()).check(ok);
    assertEquals(
        List.of("sub.featur", "global.unusedGlobal"),
        warnings.stream().map(Finding::path).toList(),
        () -> warnings.stream().map(Finding::format).toList().toString());

    server.close(); // the chart is cached
    HydratedTree bad =
        new HelmHydrator(
                new ChartCache(tmp.resolve("cache")),
                Map.of(),
                Deadline.in(Duration.ofSeconds(60)).at())
            .hydrate(tree(repo, Map.of("values/software/demo.yaml", "sub:\n  feature: \"yes\"\n")));
    List<Finding> errors = new ValuesCheck(Map.of()).check(bad);
    assertEquals(1, errors.size(), () -> errors.stream().map(Finding::format).toList().toString());
    assertEquals("sub.feature", errors.get(0).path());
    assertTrue(errors.get(0).message().contains("chart sub 0.1.0"), errors.get(0).message());
  }
}
