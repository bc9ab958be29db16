package io.clusterfactory.cfctl.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The custom kinds defined by the CustomResourceDefinitions among the targets, checked against
 * their {@code openAPIV3Schema} the way an API server with {@code fieldValidation=Strict} checks
 * them. The structural schema is turned into a JSON Schema (draft 4, which OpenAPI 3.0's schema
 * object follows) with the Kubernetes extensions applied: a field no {@code properties} declares is
 * an error unless {@code x-kubernetes-preserve-unknown-fields} keeps it, {@code
 * x-kubernetes-int-or-string} takes an integer or a string, and {@code
 * x-kubernetes-embedded-resource} objects carry their own apiVersion, kind and metadata. {@code
 * format}, defaults and CEL rules ({@code x-kubernetes-validations}) are not checked; null values
 * are dropped before the check, as the API server prunes them.
 */
final class CrdSchemas {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> KEPT =
      Set.of(
          "type",
          "required",
          "enum",
          "pattern",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "uniqueItems",
          "multipleOf",
          "minProperties",
          "maxProperties");

  /** One served version of one custom kind. */
  record Version(Target crd, boolean namespaced, JsonNode schema) {}

  private final Map<String, Map<String, Version>> byGroupKind = new HashMap<>();
  private final Map<String, JsonSchema> compiled = new HashMap<>();
  private JsonSchemaFactory factory;

  CrdSchemas(List<Target> targets) {
    for (Target t : targets) {
      if (!t.kind().equals("CustomResourceDefinition")
          || !t.apiVersion().equals("apiextensions.k8s.io/v1")) {
        continue;
      }
      JsonNode spec = t.body().path("spec");
      String key = spec.path("group").asText() + "/" + spec.path("names").path("kind").asText();
      boolean namespaced = !"Cluster".equals(spec.path("scope").asText());
      Map<String, Version> versions = byGroupKind.computeIfAbsent(key, k -> new HashMap<>());
      for (JsonNode v : spec.path("versions")) {
        if (v.path("served").asBoolean(true)) {
          versions.put(
              v.path("name").asText(),
              new Version(t, namespaced, v.path("schema").path("openAPIV3Schema")));
        }
      }
    }
  }

  boolean defines(String group, String kind) {
    return byGroupKind.containsKey(group + "/" + kind);
  }

  Optional<Boolean> namespaced(String group, String kind) {
    Map<String, Version> v = byGroupKind.get(group + "/" + kind);
    return v == null || v.isEmpty()
        ? Optional.empty()
        : Optional.of(v.values().iterator().next().namespaced());
  }

  /** Checks {@code t} (whose kind {@link #defines} says is here); metadata is checked elsewhere. */
  void check(Target t, List<Finding> out) {
    String version = t.apiVersion().substring(t.apiVersion().indexOf('/') + 1);
    Version v = byGroupKind.get(t.group() + "/" + t.kind()).get(version);
    if (v == null) {
      out.add(
          t.error(
              "apiVersion",
              "the CustomResourceDefinition of "
                  + t.group()
                  + "/"
                  + t.kind()
                  + " ("
                  + v(t)
                  + ") serves no version "
                  + version));
      return;
    }
    if (v.schema().isMissingNode() || v.schema().isEmpty()) {
      return;
    }
    JsonSchema schema =
        compiled.computeIfAbsent(
            t.group() + "/" + t.kind() + "/" + version, k -> factory().getSchema(top(v.schema())));
    ObjectNode body = (ObjectNode) withoutNulls(t.body());
    body.remove("metadata");
    Set<String> seen = new TreeSet<>();
    for (ValidationMessage m : schema.validate(body)) {
      String path = path(m.getInstanceLocation());
      String message = message(m);
      if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
        path = BuiltinSchemas.child(path, m.getProperty());
        message =
            "unknown field \"" + m.getProperty() + "\" (not in the schema of " + t.kind() + ")";
      }
      if (seen.add(path + "\0" + message)) {
        out.add(t.error(path, message));
      }
    }
  }

  private static String v(Target t) {
    return t.file();
  }

  private synchronized JsonSchemaFactory factory() {
    if (factory == null) {
      factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    }
    return factory;
  }

  private static String path(JsonNodePath location) {
    String p = "";
    for (int i = 0; i < location.getNameCount(); i++) {
      Object e = location.getElement(i);
      p = e instanceof Integer n ? p + "[" + n + "]" : BuiltinSchemas.child(p, String.valueOf(e));
    }
    return p;
  }

  /** The validator's message without the location it starts with. */
  private static String message(ValidationMessage m) {
    String text = m.getMessage();
    int colon = text.indexOf(": ");
    return colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
  }

  /** The schema of a whole object: apiVersion, kind and metadata are the API server's. */
  private static ObjectNode top(JsonNode openApi) {
    ObjectNode s = convert(openApi);
    ObjectNode props =
        s.has("properties") ? (ObjectNode) s.get("properties") : s.putObject("properties");
    props.set("apiVersion", NODES.objectNode().put("type", "string"));
    props.set("kind", NODES.objectNode().put("type", "string"));
    props.remove("metadata");
    return s;
  }

  /** A structural schema node as JSON Schema draft 4, the Kubernetes extensions applied. */
  static ObjectNode convert(JsonNode k) {
    ObjectNode s = NODES.objectNode();
    Iterator<Map.Entry<String, JsonNode>> it = k.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (KEPT.contains(e.getKey())) {
        s.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    if (k.has("properties")) {
      ObjectNode props = s.putObject("properties");
      k.get("properties")
          .fields()
          .forEachRemaining(e -> props.set(e.getKey(), convert(e.getValue())));
    }
    if (k.has("items") && k.get("items").isObject()) {
      s.set("items", convert(k.get("items")));
    }
    for (String list : List.of("allOf", "anyOf", "oneOf")) {
      if (k.has(list)) {
        ArrayNode a = s.putArray(list);
        k.get(list).forEach(x -> a.add(convert(x)));
      }
    }
    if (k.has("not")) {
      s.set("not", convert(k.get("not")));
    }
    boolean preserve = k.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (k.path("x-kubernetes-int-or-string").asBoolean(false)) {
      s.remove("type");
      if (!s.has("anyOf")) {
        s.putArray("anyOf")
            .add(NODES.objectNode().put("type", "integer"))
            .add(NODES.objectNode().put("type", "string"));
      }
    }
    if (k.path("x-kubernetes-embedded-resource").asBoolean(false)) {
      ObjectNode props =
          s.has("properties") ? (ObjectNode) s.get("properties") : s.putObject("properties");
      props.putIfAbsent("apiVersion", NODES.objectNode().put("type", "string"));
      props.putIfAbsent("kind", NODES.objectNode().put("type", "string"));
      props.putIfAbsent("metadata", NODES.objectNode().put("type", "object"));
    }
    JsonNode additional = k.get("additionalProperties");
    if (additional != null && additional.isObject()) {
      s.set("additionalProperties", convert(additional));
    } else if (additional != null && additional.isBoolean()) {
      s.set("additionalProperties", additional);
    } else if (!preserve && "object".equals(k.path("type").asText())) {
      // what no property declares is pruned, and refused under fieldValidation=Strict
      s.put("additionalProperties", false);
    }
    return s;
  }

  /** A copy without null map values (the API server drops them before validation). */
  static JsonNode withoutNulls(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = NODES.objectNode();
      n.fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isNull()) {
                  o.set(e.getKey(), withoutNulls(e.getValue()));
                }
              });
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = NODES.arrayNode();
      n.forEach(x -> a.add(withoutNulls(x)));
      return a;
    }
    return n;
  }
}
