package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.error.InternalException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes YAML the same way on every run and machine: top-level apiVersion, kind, metadata first,
 * every other mapping sorted by key, lists in their given order, multi-line strings as literal
 * blocks, numeric-looking strings quoted, Unix line ends.
 */
public final class CanonicalYaml {
  private static final List<String> HEAD = List.of("apiVersion", "kind", "metadata");
  private static final YAMLMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .build());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CanonicalYaml() {}

  public static YAMLMapper mapper() {
    return YAML;
  }

  /** Documents separated by {@code ---}. */
  public static String write(List<? extends JsonNode> docs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < docs.size(); i++) {
      if (i > 0) {
        b.append("---\n");
      }
      b.append(writeOne(docs.get(i)));
    }
    return b.toString();
  }

  public static String writeOne(JsonNode doc) {
    try {
      return YAML.writeValueAsString(sorted(doc, true));
    } catch (JsonProcessingException e) {
      throw new InternalException("cannot write YAML: " + e.getMessage(), e);
    }
  }

  /** Compact JSON with sorted keys, for JSON embedded in files and annotations. */
  public static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(sorted(node, false));
    } catch (JsonProcessingException e) {
      throw new InternalException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  static JsonNode sorted(JsonNode node, boolean top) {
    if (node instanceof ObjectNode o) {
      ObjectNode out = NODES.objectNode();
      List<String> keys = new ArrayList<>();
      Iterator<String> it = o.fieldNames();
      while (it.hasNext()) {
        keys.add(it.next());
      }
      keys.sort(String::compareTo);
      if (top) {
        for (String h : HEAD) {
          if (o.has(h)) {
            out.set(h, sorted(o.get(h), false));
          }
        }
      }
      for (String k : keys) {
        if (!top || !HEAD.contains(k)) {
          out.set(k, sorted(o.get(k), false));
        }
      }
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode e : a) {
        out.add(sorted(e, false));
      }
      return out;
    }
    return node;
  }

  /** A Java value (map, list, record, scalar) as a tree. */
  public static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  /** A mapping of the given key/value pairs, in order. */
  public static ObjectNode map(Object... keyValues) {
    ObjectNode o = NODES.objectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      Object v = keyValues[i + 1];
      o.set((String) keyValues[i], v instanceof JsonNode n ? n : JSON.valueToTree(v));
    }
    return o;
  }

  public static ArrayNode list(Object... values) {
    ArrayNode a = NODES.arrayNode();
    for (Object v : values) {
      a.add(v instanceof JsonNode n ? n : JSON.valueToTree(v));
    }
    return a;
  }

  public static ObjectNode fromMap(Map<String, ?> map) {
    return JSON.valueToTree(map);
  }
}
