package io.clusterfactory.cfctl.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leaf fields of the JSON Schema of cluster.yaml by YAML path ({@code spec.hosts[].ssh.port},
 * {@code spec.hosts[].environment.*} for a map's values), with the name of the record component
 * that holds each.
 */
final class SchemaLeaves {
  record Leaf(String path, String field) {}

  private final JsonNode defs;
  private final List<Leaf> leaves = new ArrayList<>();

  private SchemaLeaves(JsonNode schema) {
    this.defs = schema.path("$defs");
  }

  static List<Leaf> of(JsonNode schema) {
    SchemaLeaves s = new SchemaLeaves(schema);
    s.walk(schema, "", "", new HashSet<>());
    return s.leaves;
  }

  private JsonNode resolve(JsonNode n) {
    JsonNode ref = n.get("$ref");
    if (ref != null && ref.asText().startsWith("#/$defs/")) {
      return defs.path(ref.asText().substring("#/$defs/".length()));
    }
    return n;
  }

  private boolean hasProperties(JsonNode n) {
    JsonNode r = resolve(n);
    if (r.has("anyOf")) {
      for (JsonNode branch : r.get("anyOf")) {
        if (hasProperties(branch)) {
          return true;
        }
      }
      return false;
    }
    return r.path("properties").isObject();
  }

  private void walk(JsonNode node, String path, String field, Set<String> seen) {
    JsonNode anyOf = node.get("anyOf");
    if (anyOf != null) {
      // A nullable type, or one of two shapes (localhost: true | {enabled: true}): the mapping.
      JsonNode pick = null;
      for (JsonNode branch : anyOf) {
        if (branch.has("$ref") || branch.path("properties").isObject()) {
          pick = branch;
        }
      }
      if (pick != null) {
        walk(pick, path, field, seen);
      } else {
        leaves.add(new Leaf(path, field));
      }
      return;
    }
    JsonNode ref = node.get("$ref");
    if (ref != null) {
      // A recursive type (ssh.bastion is an ssh) is walked once per path only.
      if (!seen.add(ref.asText())) {
        leaves.add(new Leaf(path, field));
        return;
      }
      walk(resolve(node), path, field, seen);
      seen.remove(ref.asText());
      return;
    }
    JsonNode props = node.path("properties");
    if (props.isObject() && !props.isEmpty()) {
      Iterator<Map.Entry<String, JsonNode>> it = props.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        walk(e.getValue(), child, e.getKey(), seen);
      }
      return;
    }
    JsonNode items = node.get("items");
    if (items != null && hasProperties(items)) {
      walk(items, path + "[]", field, seen);
      return;
    }
    JsonNode values = node.get("additionalProperties");
    if (values != null && values.isObject() && hasProperties(values)) {
      walk(values, path + ".*", field, seen);
      return;
    }
    leaves.add(new Leaf(path, field));
  }
}
