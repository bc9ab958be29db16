package io.clusterfactory.cfctl.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import io.clusterfactory.cfctl.core.config.SiteComponents;
import io.clusterfactory.cfctl.core.config.v1beta1.ApplicationSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.ChartCustomizable;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.hydrate.ChartArchive;
import io.clusterfactory.cfctl.core.hydrate.HydratedApplication;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the values each hydrated chart was given (docs/validation.md, "Helm values"):
 *
 * <ul>
 *   <li>against the chart's {@code values.schema.json} (and each subchart's, against the values
 *       under its key), the values merged as Helm merges them: an error;
 *   <li>every key set by a values layer (cfctl's, the site's) that no template of the chart reads
 *       ({@link TemplateReads}): a warning, since Helm ignores it silently.
 * </ul>
 */
public final class ValuesCheck {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the site wrote for one chart Application in cluster.yaml.
   *
   * @param configFile the config file's name as the user gave it, e.g. {@code cluster.yaml}
   * @param yamlPath the block, e.g. {@code spec.software.demo} or {@code spec.applications[0]}
   * @param values its {@code values:} mapping (empty when none)
   * @param valuesFiles its {@code valuesFiles:}, as written
   */
  public record SiteValues(
      String configFile, String yamlPath, JsonNode values, List<String> valuesFiles) {}

  private final Map<String, SiteValues> site;
  private final Map<ChartArchive, TemplateReads> scanned = new java.util.IdentityHashMap<>();

  /**
   * @param site what cluster.yaml sets, by Application name (empty when unknown)
   */
  public ValuesCheck(Map<String, SiteValues> site) {
    this.site = Map.copyOf(site);
  }

  /** What cluster.yaml ({@code configFile}) sets on every chart Application, by its name. */
  public static Map<String, SiteValues> site(Cluster cluster, String configFile) {
    Map<String, SiteValues> out = new LinkedHashMap<>();
    for (SiteComponents.Entry e : SiteComponents.all(cluster)) {
      if (e.block() instanceof ChartCustomizable c) {
        out.put(
            e.appName(),
            new SiteValues(
                configFile, e.yamlPath(), JSON.valueToTree(c.values()), c.valuesFiles()));
      }
    }
    List<ApplicationSpec> apps = cluster.spec() == null ? null : cluster.spec().applications();
    for (int i = 0; apps != null && i < apps.size(); i++) {
      ApplicationSpec a = apps.get(i);
      out.put(
          a.stack() + "-" + a.name(),
          new SiteValues(
              configFile,
              "spec.applications[" + i + "]",
              JSON.valueToTree(a.values() == null ? Map.of() : a.values()),
              a.valuesFiles() == null ? List.of() : a.valuesFiles()));
    }
    return out;
  }

  /** Every finding for the hydrated charts of {@code tree}. */
  public List<Finding> check(HydratedTree tree) {
    List<Finding> out = new ArrayList<>();
    for (HydratedApplication app : tree.applications()) {
      if (app.values() != null) {
        check(app, out);
      }
    }
    return out;
  }

  private void check(HydratedApplication app, List<Finding> out) {
    HydratedApplication.HelmValues hv = app.values();
    String object = "Application " + app.application();
    ObjectNode given = NODES.objectNode();
    for (HydratedApplication.ValuesLayer l : hv.layers()) {
      if (l.values() instanceof ObjectNode o) {
        merge(given, o);
      }
    }
    int before = out.size();
    schema(hv.chart(), coalesce(hv.chart().defaults(), given), "", object, app, out);
    if (hv.templateError() != null && out.size() == before) {
      // Helm refused the values and the check above found nothing: Helm's words, not lost
      out.add(
          new Finding(
              Finding.Severity.ERROR,
              "chart " + hv.chart().label(),
              0,
              object,
              "",
              "Helm refused the values: " + hv.templateError()));
    }
    if (hv.templateError() == null) {
      unused(app, hv, object, out);
    }
  }

  // --- values.schema.json ---

  private void schema(
      ChartArchive chart,
      ObjectNode values,
      String prefix,
      String object,
      HydratedApplication app,
      List<Finding> out) {
    if (chart.valuesSchema().isPresent()) {
      List<String[]> problems;
      try {
        problems = violations(chart.valuesSchema().get(), values);
      } catch (RuntimeException e) {
        out.add(
            new Finding(
                Finding.Severity.NOTE,
                "chart " + chart.label(),
                0,
                object,
                prefix,
                "values.schema.json not checked: " + e.getMessage()));
        problems = List.of();
      }
      for (String[] p : problems) {
        String path = join(prefix, p[0]);
        out.add(
            new Finding(
                Finding.Severity.ERROR,
                origin(app, path).file(),
                0,
                object,
                path.isEmpty() ? "(values)" : path,
                "values.schema.json of chart " + chart.label() + ": " + p[1]));
      }
    }
    for (Map.Entry<String, ChartArchive> sub : chart.subcharts().entrySet()) {
      ObjectNode mine =
          values.get(sub.getKey()) instanceof ObjectNode o ? o.deepCopy() : NODES.objectNode();
      if (values.get("global") instanceof ObjectNode g) {
        ObjectNode global =
            mine.get("global") instanceof ObjectNode own ? own : mine.putObject("global");
        merge(global, g);
      }
      schema(
          sub.getValue(),
          coalesce(sub.getValue().defaults(), mine),
          join(prefix, sub.getKey()),
          object,
          app,
          out);
    }
  }

  /** Each violation as {key path, complaint}. */
  static List<String[]> violations(byte[] schemaBytes, JsonNode values) {
    JsonNode schemaNode;
    try {
      schemaNode = JSON.readTree(new String(schemaBytes, StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("it is not JSON (" + e.getMessage() + ")");
    }
    SpecVersion.VersionFlag version =
        SpecVersionDetector.detectOptionalVersion(schemaNode, false)
            .orElse(SpecVersion.VersionFlag.V7);
    // a $ref to a remote schema is never fetched: validation is offline
    JsonSchemaFactory factory =
        JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(version))
            .schemaLoaders(b -> b.values(l -> l.add(0, DisallowSchemaLoader.getInstance())))
            .build();
    JsonSchema schema = factory.getSchema(schemaNode);
    List<String[]> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ValidationMessage m : schema.validate(values)) {
      String path = path(m.getInstanceLocation());
      if (m.getProperty() != null
          && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType()))) {
        path = join(path, m.getProperty());
      }
      String text = m.getMessage();
      int colon = text.indexOf(": ");
      String message = colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
      if (seen.add(path + "\0" + message)) {
        out.add(new String[] {path, message});
      }
    }
    return out;
  }

  private static String path(JsonNodePath location) {
    String p = "";
    for (int i = 0; i < location.getNameCount(); i++) {
      Object e = location.getElement(i);
      p = e instanceof Integer n ? p + "[" + n + "]" : join(p, String.valueOf(e));
    }
    return p;
  }

  // --- keys no template reads ---

  private void unused(
      HydratedApplication app,
      HydratedApplication.HelmValues hv,
      String object,
      List<Finding> out) {
    Set<String> reported = new LinkedHashSet<>();
    for (HydratedApplication.ValuesLayer l : hv.layers()) {
      List<String> leaves = new ArrayList<>();
      leaves(l.values(), "", leaves);
      for (String key : leaves) {
        if (!reads(hv.chart(), key) && reported.add(key)) {
          Origin o = origin(app, key);
          out.add(
              new Finding(
                  Finding.Severity.WARNING,
                  o.file(),
                  0,
                  object,
                  key,
                  "no template of chart "
                      + hv.chart().label()
                      + " reads this values key; Helm ignores it (set by "
                      + o.by()
                      + ")"));
        }
      }
    }
  }

  /**
   * Whether a template of {@code chart} (or of the subchart the key is under) reads {@code key}.
   */
  boolean reads(ChartArchive chart, String key) {
    List<String> parts = List.of(key.split("\\.", -1));
    if (scanned.computeIfAbsent(chart, ValuesCheck::templateReads).reads(parts)
        || conditions(chart).reads(parts)) {
      return true;
    }
    if (parts.get(0).equals("global")) {
      for (ChartArchive sub : chart.subcharts().values()) {
        if (reads(sub, key)) {
          return true;
        }
      }
      return false;
    }
    ChartArchive sub = chart.subcharts().get(parts.get(0));
    if (sub == null) {
      return false;
    }
    if (parts.size() == 1) {
      return true; // the subchart's whole values
    }
    return reads(sub, String.join(".", parts.subList(1, parts.size())));
  }

  /**
   * What the chart's templates read, and those of its library subcharts ({@code type: library},
   * e.g. bitnami's common): their helpers run with the including chart's context, so a {@code
   * .Values.x} in them reads the includer's {@code x}.
   */
  private static TemplateReads templateReads(ChartArchive chart) {
    TemplateReads r = TemplateReads.of(chart);
    for (ChartArchive sub : chart.subcharts().values()) {
      if ("library".equals(sub.metadata().path("type").asText())) {
        sub.templates().values().forEach(r::scan);
      }
    }
    return r;
  }

  /** Keys Helm itself reads from the values: dependencies' {@code condition} and {@code tags}. */
  private static TemplateReads conditions(ChartArchive chart) {
    TemplateReads r = new TemplateReads();
    for (JsonNode d : chart.metadata().path("dependencies")) {
      for (String c : d.path("condition").asText("").split(",")) {
        if (!c.isBlank()) {
          r.whole(List.of(c.trim().split("\\.")));
        }
      }
    }
    r.whole(List.of("tags"));
    return r;
  }

  private static void leaves(JsonNode n, String prefix, List<String> out) {
    if (n instanceof ObjectNode o && !o.isEmpty()) {
      o.fields().forEachRemaining(e -> leaves(e.getValue(), join(prefix, e.getKey()), out));
    } else if (!prefix.isEmpty()) {
      out.add(prefix);
    }
  }

  // --- where a key came from ---

  /**
   * @param file the file to name: a tree file, the site's values file, or cluster.yaml
   * @param by the layer or cluster.yaml field that set it
   */
  record Origin(String file, String by) {}

  /** The layer that sets {@code key} last (the one Helm uses), named as the site wrote it. */
  private Origin origin(HydratedApplication app, String key) {
    List<HydratedApplication.ValuesLayer> layers = app.values().layers();
    SiteValues sv = site.get(app.application());
    for (int i = layers.size() - 1; i >= 0; i--) {
      HydratedApplication.ValuesLayer l = layers.get(i);
      if (!has(l.values(), key)) {
        continue;
      }
      String file = l.file() == null ? l.source() : l.file();
      java.util.regex.Matcher site =
          java.util.regex.Pattern.compile("\\.site-(\\d+)\\.yaml$").matcher(file);
      if (site.find() && sv != null) {
        int n = Integer.parseInt(site.group(1)) - 1;
        String written = n < sv.valuesFiles().size() ? sv.valuesFiles().get(n) : file;
        return new Origin(written, sv.yamlPath() + ".valuesFiles[" + n + "]");
      }
      if (sv != null && has(sv.values(), key)) {
        return new Origin(sv.configFile(), sv.yamlPath() + ".values." + key);
      }
      return new Origin(file, l.file() == null ? l.source() : "cfctl's values, " + file);
    }
    return new Origin("chart " + app.values().chart().label(), "the chart's values.yaml");
  }

  private static boolean has(JsonNode n, String key) {
    JsonNode cur = n;
    for (String p : key.split("\\.", -1)) {
      if (!(cur instanceof ObjectNode o) || !o.has(p)) {
        return false;
      }
      cur = o.get(p);
    }
    return true;
  }

  // --- Helm's merge ---

  /** Helm's merge of value files: maps merge key by key, anything else is replaced. */
  static void merge(ObjectNode into, ObjectNode over) {
    over.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue() instanceof ObjectNode o
                  && into.get(e.getKey()) instanceof ObjectNode i) {
                merge(i, o);
              } else {
                into.set(e.getKey(), e.getValue().deepCopy());
              }
            });
  }

  /**
   * Helm's coalescing of the given values over a chart's defaults: the given win, maps merge, a
   * given null deletes the default.
   */
  static ObjectNode coalesce(ObjectNode defaults, ObjectNode given) {
    ObjectNode out = defaults.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> it = given.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        out.remove(e.getKey());
      } else if (v instanceof ObjectNode o && out.get(e.getKey()) instanceof ObjectNode d) {
        out.set(e.getKey(), coalesce(d, o));
      } else {
        out.set(e.getKey(), withoutNulls(v));
      }
    }
    return out;
  }

  private static JsonNode withoutNulls(JsonNode v) {
    if (!(v instanceof ObjectNode o)) {
      return v.deepCopy();
    }
    ObjectNode out = NODES.objectNode();
    o.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isNull()) {
                out.set(e.getKey(), withoutNulls(e.getValue()));
              }
            });
    return out;
  }

  private static String join(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }
}
