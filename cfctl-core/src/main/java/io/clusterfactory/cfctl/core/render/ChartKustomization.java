package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.v1beta1.Patch;
import io.clusterfactory.cfctl.core.patch.ObjectPatch;
import io.clusterfactory.cfctl.core.patch.PatchFailedException;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kustomization through which Argo CD renders a chart whose objects the site patches: Argo CD's
 * Helm source takes no patches, its Kustomize source does ({@code helmCharts:} with {@code
 * --enable-helm}). One class writes it and reads it back, so the hydrator patches the chart's
 * objects exactly as the kustomization tells Argo CD to.
 *
 * <p>Each patch's text starts with a comment naming where cluster.yaml wrote it (kustomize ignores
 * comments): the hydrator names that path when the patch matches no object of the chart, also when
 * it reads the tree of an earlier commit.
 */
public final class ChartKustomization {
  /** The file's name in the component's chart folder. */
  public static final String FILE = "kustomization.yaml";

  private static final String ORIGIN = "# cluster.yaml ";

  private ChartKustomization() {}

  /**
   * The chart as the kustomization names it.
   *
   * @param valuesFiles the values files, relative to the kustomization's folder, in Helm's order
   */
  public record HelmChart(
      String repo,
      String name,
      String version,
      String releaseName,
      String namespace,
      List<String> valuesFiles) {
    public HelmChart {
      valuesFiles = List.copyOf(valuesFiles);
    }
  }

  /** What a kustomization says: its one chart and the patches over the chart's objects. */
  public record Read(HelmChart chart, List<ObjectPatch> patches) {
    public Read {
      patches = List.copyOf(patches);
    }
  }

  /** The kustomization's document. */
  public static ObjectNode write(HelmChart chart, List<ObjectPatch> patches) {
    ObjectNode helm =
        CanonicalYaml.map(
            "name",
            chart.name(),
            "repo",
            chart.repo(),
            "version",
            chart.version(),
            "releaseName",
            chart.releaseName(),
            "namespace",
            chart.namespace(),
            // Argo CD's Helm source installs the chart's crds/ too
            "includeCRDs",
            true);
    if (!chart.valuesFiles().isEmpty()) {
      helm.put("valuesFile", chart.valuesFiles().get(0));
    }
    if (chart.valuesFiles().size() > 1) {
      helm.set(
          "additionalValuesFiles",
          CanonicalYaml.tree(chart.valuesFiles().subList(1, chart.valuesFiles().size())));
    }
    ArrayNode out = CanonicalYaml.list();
    for (ObjectPatch p : patches) {
      out.add(CanonicalYaml.map("target", target(p), "patch", patchText(p)));
    }
    return CanonicalYaml.map(
        "apiVersion",
        "kustomize.config.k8s.io/v1beta1",
        "kind",
        "Kustomization",
        "helmCharts",
        CanonicalYaml.list(helm),
        "patches",
        out);
  }

  /**
   * Refuses a merge patch that kustomize would not apply as one: kustomize has no JSON merge patch,
   * so a merge patch reaches it as a strategic merge patch, which is the same change unless the
   * patch sets a list that strategic merge merges item by item, or holds a {@code $patch} key.
   */
  static void requireKustomizable(ObjectPatch p) {
    if (p.type() == Patch.Type.MERGE) {
      String field = strategicOnly(p.body());
      if (field != null) {
        throw new PatchFailedException(
            p.yamlPath() + ".patch",
            "a merge patch of the chart's objects reaches Argo CD as a kustomize strategic merge"
                + " patch, which merges the list "
                + field
                + " item by item instead of replacing it",
            "use type: strategic (with $patch: delete for items to drop) or type: json");
      }
    }
  }

  /** The first field of a merge patch where strategic merge would differ, or null. */
  private static String strategicOnly(JsonNode body) {
    if (!body.isObject()) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("$patch")) {
        return "$patch";
      }
      if (e.getValue().isArray() && MERGED_LISTS.contains(e.getKey())) {
        return e.getKey();
      }
      String inner = strategicOnly(e.getValue());
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  /** The lists strategic merge merges by key (kept in step with StrategicMergePatch). */
  private static final java.util.Set<String> MERGED_LISTS =
      java.util.Set.of(
          "containers",
          "initContainers",
          "ephemeralContainers",
          "env",
          "volumes",
          "imagePullSecrets",
          "volumeMounts",
          "volumeDevices",
          "hostAliases",
          "topologySpreadConstraints",
          "ports");

  private static ObjectNode target(ObjectPatch p) {
    ObjectNode t = CanonicalYaml.map();
    if (p.kind() != null) {
      t.put("kind", p.kind());
    }
    if (p.name() != null) {
      // kustomize reads the name as a regular expression; a Kubernetes name's only special
      // character is the dot
      t.put("name", p.name().replace(".", "\\."));
    }
    if (p.namespace() != null) {
      t.put("namespace", p.namespace());
    }
    if (!p.labels().isEmpty()) {
      List<String> selector = new ArrayList<>();
      new TreeMap<>(p.labels()).forEach((k, v) -> selector.add(k + "=" + v));
      t.put("labelSelector", String.join(",", selector));
    }
    return t;
  }

  /**
   * A patch as kustomize takes it inline: a JSON patch as its list of operations, a strategic (or
   * merge) patch as a partial object; with a target, kustomize takes kind and name from each object
   * it targets, so the ones written here only make the document an object.
   */
  private static String patchText(ObjectPatch p) {
    JsonNode doc;
    if (p.type() == Patch.Type.JSON) {
      doc = p.body();
    } else {
      ObjectNode o =
          CanonicalYaml.map("apiVersion", "v1", "kind", p.kind() == null ? "Object" : p.kind());
      JsonNode md = p.body().path("metadata");
      ObjectNode metadata = md.isObject() ? ((ObjectNode) md).deepCopy() : CanonicalYaml.map();
      metadata.put("name", p.name() == null ? "patched" : p.name());
      o.set("metadata", metadata);
      p.body()
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("metadata")) {
                  o.set(e.getKey(), e.getValue().deepCopy());
                }
              });
      doc = o;
    }
    return ORIGIN + p.yamlPath() + "\n" + CanonicalYaml.TREE.writeOne(doc);
  }

  /**
   * Reads a kustomization this class wrote; null when the document is not one (no {@code
   * helmCharts}).
   *
   * @param file the kustomization's path, named by a patch without an origin comment
   */
  public static Read read(JsonNode doc, String file) {
    JsonNode charts = doc.path("helmCharts");
    if (!charts.isArray() || charts.size() != 1) {
      return null;
    }
    JsonNode c = charts.get(0);
    List<String> values = new ArrayList<>();
    if (c.hasNonNull("valuesFile")) {
      values.add(c.get("valuesFile").asText());
    }
    c.path("additionalValuesFiles").forEach(v -> values.add(v.asText()));
    HelmChart chart =
        new HelmChart(
            c.path("repo").asText(),
            c.path("name").asText(),
            c.path("version").asText(),
            c.path("releaseName").asText(c.path("name").asText()),
            c.path("namespace").asText(null),
            values);
    List<ObjectPatch> patches = new ArrayList<>();
    JsonNode list = doc.path("patches");
    for (int i = 0; i < list.size(); i++) {
      patches.add(readPatch(list.get(i), file + " patches[" + i + "]"));
    }
    return new Read(chart, patches);
  }

  private static ObjectPatch readPatch(JsonNode entry, String fallbackPath) {
    String text = entry.path("patch").asText("");
    String yamlPath = fallbackPath;
    if (text.startsWith(ORIGIN)) {
      int eol = text.indexOf('\n');
      yamlPath = text.substring(ORIGIN.length(), eol < 0 ? text.length() : eol).trim();
    }
    JsonNode body;
    try {
      body = CanonicalYaml.TREE.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new PatchFailedException(yamlPath, "the patch text does not parse: " + e, null);
    }
    body = body == null ? CanonicalYaml.map() : body;
    JsonNode t = entry.path("target");
    Map<String, String> labels = new TreeMap<>();
    for (String l : t.path("labelSelector").asText("").split(",")) {
      int eq = l.indexOf('=');
      if (eq > 0) {
        labels.put(l.substring(0, eq), l.substring(eq + 1));
      }
    }
    String name = t.hasNonNull("name") ? t.get("name").asText().replace("\\.", ".") : null;
    String kind = t.path("kind").asText(null);
    String namespace = t.path("namespace").asText(null);
    if (body.isArray()) {
      return new ObjectPatch(yamlPath, Patch.Type.JSON, kind, name, namespace, labels, body);
    }
    // kustomize keeps the target's kind and name: the patch's own are placeholders
    ObjectNode o = body.isObject() ? ((ObjectNode) body).deepCopy() : CanonicalYaml.map();
    o.remove("apiVersion");
    o.remove("kind");
    if (o.path("metadata") instanceof ObjectNode md) {
      md.remove("name");
      if (md.isEmpty()) {
        o.remove("metadata");
      }
    }
    return new ObjectPatch(yamlPath, Patch.Type.STRATEGIC, kind, name, namespace, labels, o);
  }
}
