package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A site's patch over the objects cfctl renders for a component (its plain manifests, and the
 * objects of its hydrated chart). A patch that matches no object is an error.
 */
@JsonPropertyOrder({"target", "type", "patch"})
public record Patch(
    @JsonPropertyDescription(
            "Which objects of the component the patch applies to (every given field must match)")
        Target target,
    @JsonPropertyDescription(
            "strategic (default: Kubernetes strategic merge patch, lists of containers, env,"
                + " volumes, ports... merged by their keys) | merge (JSON merge patch, RFC 7386) |"
                + " json (JSON patch, RFC 6902: a list of operations)")
        Type type,
    @JsonPropertyDescription(
            "The patch: a mapping (strategic, merge) or a list of {op, path, value, from}"
                + " operations (json)")
        Object patch) {

  /** The patch format. */
  public enum Type {
    @JsonProperty("strategic")
    STRATEGIC,
    @JsonProperty("merge")
    MERGE,
    @JsonProperty("json")
    JSON
  }

  /** The objects a patch applies to: each given field must match. */
  @JsonPropertyOrder({"kind", "name", "namespace", "labels"})
  public record Target(
      @JsonPropertyDescription("Object kind, e.g. Deployment") String kind,
      @JsonPropertyDescription("metadata.name") String name,
      @JsonPropertyDescription("metadata.namespace") String namespace,
      @JsonPropertyDescription("Labels the object must carry (a label selector by equality)")
          Map<String, String> labels) {}
}
