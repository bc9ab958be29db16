package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reviewable YAML templates under manifests/templates, parsed once and handed out as copies
 * that renderers fill by setting fields (never by pasting text).
 */
public final class Templates {
  private static final String ROOT = "manifests/templates/";
  private static final Map<String, List<ObjectNode>> CACHE = new ConcurrentHashMap<>();

  private Templates() {}

  /** The single document of template {@code name}, e.g. {@code network/coredns/deployment.yaml}. */
  public static ObjectNode one(String name) {
    List<ObjectNode> docs = all(name);
    if (docs.size() != 1) {
      throw new InternalException("template " + name + " must hold one document", null);
    }
    return docs.get(0);
  }

  /** Fresh copies of every document of template {@code name}. */
  public static List<ObjectNode> all(String name) {
    List<ObjectNode> parsed = CACHE.computeIfAbsent(name, Templates::parse);
    List<ObjectNode> copies = new ArrayList<>();
    for (ObjectNode o : parsed) {
      copies.add(o.deepCopy());
    }
    return copies;
  }

  private static List<ObjectNode> parse(String name) {
    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new InternalException("missing template " + ROOT + name, null);
      }
      List<ObjectNode> docs = new ArrayList<>();
      try (MappingIterator<JsonNode> it =
          CanonicalYaml.TREE.mapper().readerFor(JsonNode.class).readValues(in)) {
        while (it.hasNext()) {
          JsonNode n = it.next();
          if (n instanceof ObjectNode o) {
            docs.add(o);
          }
        }
      }
      return List.copyOf(docs);
    } catch (IOException e) {
      throw new InternalException("cannot read template " + name + ": " + e.getMessage(), e);
    }
  }

  /** Sets the value at a JSON pointer ({@code /spec/replicas}), creating mappings on the way. */
  public static void set(ObjectNode root, String pointer, Object value) {
    int slash = pointer.lastIndexOf('/');
    String parent = pointer.substring(0, slash);
    String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    JsonNode target = parent.isEmpty() ? root : root.at(parent);
    if (target.isMissingNode()) {
      target = root.withObject(parent);
    }
    JsonNode v = value instanceof JsonNode n ? n : CanonicalYaml.tree(value);
    if (target instanceof ObjectNode o) {
      o.set(key, v);
    } else if (target instanceof ArrayNode a) {
      a.set(Integer.parseInt(key), v);
    } else {
      throw new InternalException("cannot set " + pointer + ": parent is not a container", null);
    }
  }

  /** The mapping at a pointer, which the template must have. */
  public static ObjectNode at(ObjectNode root, String pointer) {
    JsonNode n = root.at(pointer);
    if (!(n instanceof ObjectNode o)) {
      throw new InternalException("template has no mapping at " + pointer, null);
    }
    return o;
  }
}
