package io.clusterfactory.cfctl.core.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.error.InternalException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one YAML writer of cfctl: the same bytes on every run and machine, Unix line ends, and every
 * string that a YAML 1.1 reader (go-yaml in Kubernetes, Argo CD, Helm, k0s) would read as a number,
 * boolean, null or timestamp quoted, so what a reader gets back is the string written. Two named
 * styles share those rules:
 *
 * <ul>
 *   <li>{@link #TREE}: files of the rendered GitOps tree. Top-level apiVersion, kind, metadata
 *       first, every other mapping sorted by key, lists in their order, multi-line strings as
 *       literal blocks, list items indented under their key, long lines never folded.
 *   <li>{@link #DIFF}: text that diffs compare line by line. Map keys sorted at every level; the
 *       rest as Jackson writes it, so equal objects give equal text.
 * </ul>
 */
public final class CanonicalYaml {
  public static final CanonicalYaml TREE =
      new CanonicalYaml(
          new YAMLMapper(
              YAMLFactory.builder()
                  .stringQuotingChecker(Yaml11Quoting.INSTANCE)
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                  .build()),
          true);

  public static final CanonicalYaml DIFF =
      new CanonicalYaml(
          YAMLMapper.builder(
                  YAMLFactory.builder()
                      .stringQuotingChecker(Yaml11Quoting.INSTANCE)
                      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                      .build())
              .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .build(),
          false);

  private static final List<String> HEAD = List.of("apiVersion", "kind", "metadata");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper READER = new YAMLMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final YAMLMapper mapper;
  private final boolean tree;

  private CanonicalYaml(YAMLMapper mapper, boolean tree) {
    this.mapper = mapper;
    this.tree = tree;
  }

  /** The mapper of this style, for callers that stream (and for reading templates back). */
  public YAMLMapper mapper() {
    return mapper;
  }

  /** Documents separated by {@code ---}. */
  public String write(List<?> docs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < docs.size(); i++) {
      if (i > 0) {
        b.append("---\n");
      }
      b.append(writeOne(docs.get(i)));
    }
    return b.toString();
  }

  /** One document: a tree, or any Jackson-bindable value (maps, lists, records, scalars). */
  public String writeOne(Object value) {
    if (value == null) {
      return "";
    }
    try {
      if (tree) {
        JsonNode node = value instanceof JsonNode n ? n : JSON.valueToTree(value);
        return mapper.writeValueAsString(sorted(node, true));
      }
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new InternalException("cannot write YAML: " + e.getOriginalMessage(), e);
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

  /** Deep copy of an object graph into plain maps and lists (any Jackson-bindable input). */
  public static Map<String, Object> toMap(Object value) {
    return READER.convertValue(value, MAP);
  }

  /**
   * Parses every document of a YAML text into maps; empty documents are skipped, non-map documents
   * are rejected.
   *
   * @throws IOException when the text is not YAML
   */
  public static List<Map<String, Object>> readDocuments(String text) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (MappingIterator<Object> it = READER.readerFor(Object.class).readValues(text)) {
      while (it.hasNext()) {
        Object doc = it.next();
        if (doc instanceof Map<?, ?> m) {
          docs.add(toMap(m));
        } else if (doc != null) {
          throw new IOException("a YAML document is not a mapping");
        }
      }
    }
    return docs;
  }
}
