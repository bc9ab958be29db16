package io.clusterfactory.cfctl.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Kubernetes strategic merge patch for the lists of the built-in kinds that carry a merge key:
 * mappings merge, null removes a key, and the lists below merge item by item on their key (an item
 * whose key is new is appended; {@code $patch: delete} in an item removes the matching one); every
 * other list is replaced, as in a merge patch. {@code $patch: replace} in a mapping replaces it
 * whole.
 *
 * <p>Merge keys (the {@code patchMergeKey} of the Kubernetes API for these fields): {@code
 * containers}, {@code initContainers}, {@code ephemeralContainers}, {@code env}, {@code volumes},
 * {@code imagePullSecrets} by {@code name}; {@code volumeMounts} by {@code mountPath}; {@code
 * volumeDevices} by {@code devicePath}; container {@code ports} by {@code containerPort} and
 * Service {@code ports} by {@code port}; {@code hostAliases} by {@code ip}; {@code
 * topologySpreadConstraints} by {@code topologyKey}.
 */
public final class StrategicMergePatch {
  private static final String DIRECTIVE = "$patch";

  private StrategicMergePatch() {}

  /** The merge key of a list field, or null when the list is replaced. */
  static String mergeKey(String field, ArrayNode sample) {
    switch (field) {
      case "containers",
      "initContainers",
      "ephemeralContainers",
      "env",
      "volumes",
      "imagePullSecrets":
        return "name";
      case "volumeMounts":
        return "mountPath";
      case "volumeDevices":
        return "devicePath";
      case "hostAliases":
        return "ip";
      case "topologySpreadConstraints":
        return "topologyKey";
      case "ports":
        for (JsonNode n : sample) {
          if (n.has("containerPort")) {
            return "containerPort";
          }
        }
        return "port";
      default:
        return null;
    }
  }

  /** The patched copy of {@code target}; neither argument is modified. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    return merge(target, patch);
  }

  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    if ("replace".equals(patch.path(DIRECTIVE).asText(null))) {
      ObjectNode copy = ((ObjectNode) patch).deepCopy();
      copy.remove(DIRECTIVE);
      return copy;
    }
    ObjectNode out =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = e.getKey();
      JsonNode value = e.getValue();
      JsonNode existing = out.get(field);
      if (field.equals(DIRECTIVE)) {
        continue;
      }
      if (value.isNull()) {
        out.remove(field);
      } else if (value.isArray() && existing != null && existing.isArray()) {
        String key = mergeKey(field, (ArrayNode) existing);
        out.set(
            field,
            key == null
                ? stripDirectives((ArrayNode) value)
                : mergeList((ArrayNode) existing, (ArrayNode) value, key));
      } else if (value.isArray()) {
        out.set(field, stripDirectives((ArrayNode) value));
      } else {
        out.set(field, merge(existing, value));
      }
    }
    return out;
  }

  private static ArrayNode mergeList(ArrayNode existing, ArrayNode patch, String key) {
    ArrayNode out = existing.deepCopy();
    for (JsonNode item : patch) {
      JsonNode id = keyOf(item, key);
      int at = -1;
      if (id != null) {
        for (int i = 0; i < out.size(); i++) {
          if (id.equals(keyOf(out.get(i), key))) {
            at = i;
            break;
          }
        }
      }
      boolean delete = "delete".equals(item.path(DIRECTIVE).asText(null));
      if (delete) {
        if (at >= 0) {
          out.remove(at);
        }
      } else if (at >= 0) {
        out.set(at, merge(out.get(at), item));
      } else {
        out.add(merge(null, item));
      }
    }
    return out;
  }

  private static JsonNode keyOf(JsonNode item, String key) {
    JsonNode n = item.path(key);
    return n.isMissingNode() || n.isNull() ? null : n;
  }

  private static ArrayNode stripDirectives(ArrayNode list) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode item : list) {
      if (item.isObject() && "delete".equals(item.path(DIRECTIVE).asText(null))) {
        continue;
      }
      out.add(merge(null, item));
    }
    return out;
  }
}
