package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake {@link Hydrator} for tests of code that consumes hydrated objects: "charts" are YAML
 * templates the test gives by {@code chart@version}; {@code ${a.b}} in a template is replaced by
 * the value at {@code a.b} of the Application's value files (read from the tree, later files
 * winning), {@code ${_chart}} and {@code ${_version}} by the chart's name and version. The key
 * {@code *} is the template of any chart not named. A chart not in the map, or named in {@link
 * #failing}, is {@link Unhydrated}. Reads the tree's Applications as cfctl renders them: a source
 * with {@code chart}, {@code targetRevision}, {@code helm.valueFiles} of the form {@code
 * $values/<repo path>}.
 */
public final class MapHydrator implements Hydrator {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

  private final Map<String, String> charts;
  private final Map<String, String> failing = new LinkedHashMap<>();
  private int calls;

  /**
   * @param charts {@code chart@version} -> multi-document YAML template
   */
  public MapHydrator(Map<String, String> charts) {
    this.charts = Map.copyOf(charts);
  }

  /** Makes every Application of {@code chart} unhydratable with {@code reason}. */
  public MapHydrator failing(String chart, String reason) {
    failing.put(chart, reason);
    return this;
  }

  /** How many times {@link #hydrate} was called. */
  public int calls() {
    return calls;
  }

  @Override
  public HydratedTree hydrate(RenderedTree tree) {
    calls++;
    List<HydratedApplication> apps = new ArrayList<>();
    List<Unhydrated> missing = new ArrayList<>();
    for (RenderedObject o : tree.objects()) {
      if (!"Application".equals(o.kind())) {
        continue;
      }
      for (JsonNode source : sources(o.body())) {
        if (!source.hasNonNull("chart")) {
          continue;
        }
        String chart = source.get("chart").asText();
        String version = source.path("targetRevision").asText();
        ChartRef ref =
            new ChartRef(ChartRef.Kind.HTTP, source.path("repoURL").asText(), chart, version);
        String namespace = o.body().path("spec").path("destination").path("namespace").asText();
        String template = charts.getOrDefault(chart + "@" + version, charts.get("*"));
        if (failing.containsKey(chart) || template == null) {
          missing.add(
              new Unhydrated(
                  o.name(), ref, failing.getOrDefault(chart, "chart not in the test's map")));
          continue;
        }
        Map<String, Object> values = values(tree, source.path("helm").path("valueFiles"));
        values.put("_chart", chart);
        values.put("_version", version);
        List<HydratedApplication.HydratedObject> objects = new ArrayList<>();
        try {
          for (Map<String, Object> doc : CanonicalYaml.readDocuments(fill(template, values))) {
            if (doc != null) {
              objects.add(
                  new HydratedApplication.HydratedObject(
                      chart + "/templates/all.yaml", CanonicalYaml.fromMap(doc)));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        apps.add(new HydratedApplication(o.name(), namespace, ref, "sha256:test", objects));
      }
    }
    return new HydratedTree(apps, missing);
  }

  private static List<JsonNode> sources(ObjectNode application) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode spec = application.path("spec");
    if (spec.has("source")) {
      out.add(spec.get("source"));
    }
    spec.path("sources").forEach(out::add);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> values(RenderedTree tree, JsonNode valueFiles) {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (JsonNode file : valueFiles) {
      String repoPath = file.asText().replaceFirst("^\\$values/", "");
      for (String path : tree.files().keySet()) {
        if (repoPath.equals(path) || repoPath.endsWith("/" + path)) {
          try {
            List<Map<String, Object>> docs = CanonicalYaml.readDocuments(tree.text(path));
            if (!docs.isEmpty() && docs.get(0) != null) {
              merged.putAll(docs.get(0));
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return merged;
  }

  private static String fill(String template, Map<String, Object> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object v = values;
      for (String key : m.group(1).split("\\.")) {
        v = v instanceof Map<?, ?> map ? map.get(key) : null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v.toString()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
