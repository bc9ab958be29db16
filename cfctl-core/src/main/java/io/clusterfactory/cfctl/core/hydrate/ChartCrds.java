package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.core.patch.MergePatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CRDs a chart installs, as Helm gathers them for {@code --include-crds} (which Argo CD
 * passes): the {@code crds/} files of the chart, then of each subchart it enables, unpacked or
 * packaged under {@code charts/}, recursively. A dependency of Chart.yaml is enabled as Helm
 * decides it: by its {@code tags} (any tag set true in the values enables it, all set false disable
 * it), then by the first path of its {@code condition} that holds a boolean in the values the
 * parent sees; a subchart no dependency names is always enabled. helm-java's template has no such
 * option, so cfctl reads them from the archive.
 */
final class ChartCrds {
  private ChartCrds() {}

  /** One CRD file's text, with the path Helm's {@code # Source:} would name. */
  record CrdFile(String source, String text) {}

  /**
   * @param values the values the chart renders with (its defaults under the given layers)
   */
  static List<CrdFile> of(ChartArchive chart, JsonNode values) {
    List<CrdFile> out = new ArrayList<>();
    collect(chart, values, chart.name() + "/", out);
    return out;
  }

  private static void collect(ChartArchive chart, JsonNode values, String at, List<CrdFile> out) {
    for (Map.Entry<String, byte[]> f : new java.util.TreeMap<>(chart.files()).entrySet()) {
      if (f.getKey().matches("crds/.+\\.(yaml|yml)")) {
        out.add(
            new CrdFile(
                at + f.getKey(),
                new String(f.getValue(), java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    for (Map.Entry<String, ChartArchive> sub :
        new java.util.TreeMap<>(chart.subcharts()).entrySet()) {
      String key = sub.getKey();
      JsonNode dependency = dependency(chart.metadata(), key);
      if (dependency != null && !enabled(dependency, values)) {
        continue;
      }
      JsonNode own = values == null ? null : values.get(key);
      JsonNode subValues =
          own == null
              ? sub.getValue().defaults()
              : MergePatch.mergeValues(sub.getValue().defaults(), own);
      collect(sub.getValue(), subValues, at + "charts/" + sub.getValue().name() + "/", out);
    }
  }

  /** The dependency of Chart.yaml whose values key (alias, else name) is {@code key}. */
  private static JsonNode dependency(JsonNode metadata, String key) {
    for (JsonNode d : metadata.path("dependencies")) {
      String k = d.hasNonNull("alias") ? d.get("alias").asText() : d.path("name").asText();
      if (k.equals(key)) {
        return d;
      }
    }
    return null;
  }

  static boolean enabled(JsonNode dependency, JsonNode values) {
    boolean enabled = true;
    List<Boolean> tags = new ArrayList<>();
    for (JsonNode t : dependency.path("tags")) {
      JsonNode v = values == null ? null : values.path("tags").get(t.asText());
      if (v != null && v.isBoolean()) {
        tags.add(v.asBoolean());
      }
    }
    if (!tags.isEmpty()) {
      enabled = tags.contains(Boolean.TRUE);
    }
    String condition = dependency.path("condition").asText("");
    for (String path : condition.split(",")) {
      JsonNode v = at(values, path.strip());
      if (v != null && v.isBoolean()) {
        return v.asBoolean();
      }
    }
    return enabled;
  }

  private static JsonNode at(JsonNode values, String path) {
    if (values == null || path.isEmpty()) {
      return null;
    }
    JsonNode n = values;
    for (String part : path.split("\\.")) {
      n = n.get(part);
      if (n == null) {
        return null;
      }
    }
    return n;
  }
}
