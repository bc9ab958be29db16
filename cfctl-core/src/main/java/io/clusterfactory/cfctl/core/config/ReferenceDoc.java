package io.clusterfactory.cfctl.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The cluster.yaml reference (docs/cluster-yaml-reference.md), generated from the JSON Schema so it
 * never drifts from what the loader accepts. One section per mapping, by YAML path.
 */
public final class ReferenceDoc {
  private final JsonNode defs;
  private final StringBuilder out = new StringBuilder();
  private final Map<String, String> firstPathOfDef = new HashMap<>();
  private final List<Section> sections = new ArrayList<>();

  private record Section(String path, JsonNode node) {}

  private ReferenceDoc(JsonNode schema) {
    this.defs = schema.path("$defs");
  }

  public static String generate() {
    return generate(ClusterSchema.generate());
  }

  public static String generate(ObjectNode schema) {
    ReferenceDoc doc = new ReferenceDoc(schema);
    doc.out.append("# cluster.yaml reference\n\n");
    doc.out.append(
        "Generated from the JSON Schema (`cfctl schema`) by `ReferenceDoc`; do not edit by hand.\n"
            + "Regenerate with `mvn -pl cfctl-core test -Dtest=ReferenceDocTest"
            + " -Dcfctl.updateGolden=true`.\n\n");
    doc.out.append(
        "Every field is optional unless its description says otherwise; defaults are given in"
            + " the descriptions. Unknown fields are errors.\n\n"
            + "The file is read as YAML 1.1 readers (k0sctl's go-yaml) read it: anchors, aliases"
            + " and merge keys (`<<: *base`, `<<: [*a, *b]`) work everywhere; a field of type"
            + " string keeps the text as written (`0x01`, `017`, `1e3`, `yes`, `~`, `12:30` stay"
            + " those strings), number and boolean fields take YAML 1.1's value (`0x1F` is 31,"
            + " `off` is false). Further documents of the file are k0s ClusterConfigs (merged"
            + " into `spec.k0s.config`) or Kubernetes objects, each with apiVersion, kind and"
            + " metadata.name.\n");
    doc.sections.add(new Section("", schema));
    for (int i = 0; i < doc.sections.size(); i++) {
      Section s = doc.sections.get(i);
      doc.section(s.path(), s.node());
    }
    return doc.out.toString();
  }

  private void section(String path, JsonNode node) {
    JsonNode props = node.path("properties");
    if (!props.isObject() || props.isEmpty()) {
      return;
    }
    out.append("\n## `").append(path.isEmpty() ? "(top level)" : path).append("`\n\n");
    if (node.has("description") && !path.isEmpty()) {
      out.append(node.get("description").asText()).append("\n\n");
    }
    out.append("| field | type | description |\n|---|---|---|\n");
    Iterator<Map.Entry<String, JsonNode>> it = props.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      JsonNode field = e.getValue();
      String type = type(field, childPath);
      String desc = field.path("description").asText("");
      out.append("| `")
          .append(e.getKey())
          .append("` | ")
          .append(type)
          .append(" | ")
          .append(desc.replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
    }
  }

  /** A readable type; queues a section for each mapping met for the first time. */
  private String type(JsonNode node, String path) {
    JsonNode n = node;
    if (n.has("anyOf")) {
      List<String> parts = new ArrayList<>();
      for (JsonNode alt : n.get("anyOf")) {
        if (!"null".equals(alt.path("type").asText())) {
          parts.add(type(alt, path));
        }
      }
      return String.join(" or ", parts);
    }
    if (n.has("$ref")) {
      String name = n.get("$ref").asText().replaceFirst("^#/\\$defs/", "");
      JsonNode def = defs.path(name);
      String seen = firstPathOfDef.get(name);
      if (seen != null) {
        return "mapping (as `" + seen + "`)";
      }
      if (def.path("properties").isObject() && !def.path("properties").isEmpty()) {
        firstPathOfDef.put(name, path);
        sections.add(new Section(path, def));
        return "mapping, see [`" + path + "`](#" + anchor(path) + ")";
      }
      return type(def, path);
    }
    if (n.has("enum")) {
      List<String> values = new ArrayList<>();
      n.get("enum")
          .forEach(
              v -> {
                if (!v.isNull()) {
                  values.add("`" + v.asText() + "`");
                }
              });
      return String.join(" \\| ", values);
    }
    String t = typeName(n.path("type"));
    if (t.equals("array")) {
      return "list of " + type(n.path("items"), path + "[]");
    }
    if (t.equals("object")) {
      if (n.path("properties").isObject() && !n.path("properties").isEmpty()) {
        sections.add(new Section(path, n));
        return "mapping, see [`" + path + "`](#" + anchor(path) + ")";
      }
      JsonNode values = n.path("additionalProperties");
      if (values.isObject() && !values.isEmpty()) {
        return "map of " + type(values, path + ".*");
      }
      return "mapping (free form)";
    }
    if (n.has("pattern")) {
      return t + " (`" + n.get("pattern").asText().replace("|", "\\|") + "`)";
    }
    return t.isEmpty() ? "any" : t;
  }

  private static String typeName(JsonNode type) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asText().equals("null")) {
          return t.asText();
        }
      }
      return "null";
    }
    return type.asText("");
  }

  private static String anchor(String path) {
    return path.toLowerCase().replaceAll("[^a-z0-9 -]", "");
  }
}
