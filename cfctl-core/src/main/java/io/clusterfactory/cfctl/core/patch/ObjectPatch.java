package io.clusterfactory.cfctl.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.core.config.v1beta1.Patch;
import java.util.Map;

/**
 * One patch of cluster.yaml, ready to apply: where it was written (for messages), its format, its
 * target and its body as a tree.
 *
 * @param yamlPath e.g. {@code spec.network.coredns.patches[0]}
 * @param kind target kind, or null for any
 * @param name target metadata.name, or null for any
 * @param namespace target metadata.namespace, or null for any
 * @param labels labels the target must carry (empty for any)
 */
public record ObjectPatch(
    String yamlPath,
    Patch.Type type,
    String kind,
    String name,
    String namespace,
    Map<String, String> labels,
    JsonNode body) {

  public ObjectPatch {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** Whether {@code object} is one of this patch's targets. */
  public boolean matches(JsonNode object) {
    JsonNode md = object.path("metadata");
    if (kind != null && !kind.equals(object.path("kind").asText(null))) {
      return false;
    }
    if (name != null && !name.equals(md.path("name").asText(null))) {
      return false;
    }
    if (namespace != null && !namespace.equals(md.path("namespace").asText(null))) {
      return false;
    }
    for (Map.Entry<String, String> l : labels.entrySet()) {
      if (!l.getValue().equals(md.path("labels").path(l.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  /** What the target says, for messages: {@code kind Deployment, name coredns}. */
  public String describeTarget() {
    StringBuilder b = new StringBuilder();
    append(b, "kind", kind);
    append(b, "name", name);
    append(b, "namespace", namespace);
    if (!labels.isEmpty()) {
      append(b, "labels", new java.util.TreeMap<>(labels).toString());
    }
    return b.length() == 0 ? "any object" : b.toString();
  }

  private static void append(StringBuilder b, String key, String value) {
    if (value != null) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(key).append(' ').append(value);
    }
  }
}
