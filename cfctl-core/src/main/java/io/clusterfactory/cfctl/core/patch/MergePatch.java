package io.clusterfactory.cfctl.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON merge patch (RFC 7386): a mapping merges key by key, null removes a key, anything else
 * (lists included) replaces. It is also the deep merge of Helm values: user values over cfctl's.
 */
public final class MergePatch {
  private MergePatch() {}

  /** The patched copy of {@code target}; neither argument is modified. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode out =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), apply(out.get(e.getKey()), e.getValue()));
      }
    }
    return out;
  }

  /**
   * Helm's merge of value layers: like a merge patch, except that a null is kept as a value (Helm
   * reads a null value as "delete the chart's default", which only Helm itself can do).
   */
  public static JsonNode mergeValues(JsonNode base, JsonNode over) {
    if (!over.isObject() || base == null || !base.isObject()) {
      return over.deepCopy();
    }
    ObjectNode out = ((ObjectNode) base).deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = out.get(e.getKey());
      out.set(
          e.getKey(),
          existing == null ? e.getValue().deepCopy() : mergeValues(existing, e.getValue()));
    }
    return out;
  }
}
