package io.clusterfactory.cfctl.core.validate;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in Kubernetes kinds as fabric8's generated model of the pinned client describes them,
 * read strictly: the JSON of an object is walked alongside the model's Jackson properties, so a
 * field the model does not declare is an error with its path (fabric8 itself would swallow it into
 * {@code additionalProperties}), and so is a value of the wrong JSON type (a number where a string
 * belongs, a list where a map does). {@code IntOrString} takes an integer or a string and {@code
 * Quantity} a string or a number, as the API server's decoder does; null is accepted everywhere
 * (the API server drops it).
 */
final class BuiltinSchemas {
  private static final String SERVICES =
      "META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource";

  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<Class<?>, Map<String, JavaType>> properties = new ConcurrentHashMap<>();
  private final Map<String, Optional<Class<?>>> models = new ConcurrentHashMap<>();
  private Map<String, List<String>> bySimpleName;

  /** The model class of {@code apiVersion}/{@code kind}, if the pinned client has one. */
  Optional<Class<?>> model(String apiVersion, String kind) {
    return models.computeIfAbsent(apiVersion + "/" + kind, k -> find(apiVersion, kind));
  }

  /** Whether a built-in kind is namespaced; empty when the kind is not built in. */
  Optional<Boolean> namespaced(String apiVersion, String kind) {
    return model(apiVersion, kind).map(Namespaced.class::isAssignableFrom);
  }

  /** Checks {@code target}'s body against the model class. */
  void check(Target target, Class<?> model, List<Finding> out) {
    walk(target.body(), mapper.constructType(model), "", target, out);
  }

  private Optional<Class<?>> find(String apiVersion, String kind) {
    for (String name : index().getOrDefault(kind, List.of())) {
      try {
        Class<?> c = Class.forName(name, false, BuiltinSchemas.class.getClassLoader());
        if (HasMetadata.class.isAssignableFrom(c)
            && kind.equals(HasMetadata.getKind(c))
            && apiVersion.equals(HasMetadata.getApiVersion(c))) {
          return Optional.of(c);
        }
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        // a listed class that does not load is not a model of this kind
      }
    }
    return Optional.empty();
  }

  /** Class names of every fabric8 model resource by simple name, read from the service lists. */
  private synchronized Map<String, List<String>> index() {
    if (bySimpleName != null) {
      return bySimpleName;
    }
    Map<String, List<String>> names = new HashMap<>();
    try {
      Enumeration<URL> lists = BuiltinSchemas.class.getClassLoader().getResources(SERVICES);
      while (lists.hasMoreElements()) {
        try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(lists.nextElement().openStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
              continue;
            }
            String simple = line.substring(line.lastIndexOf('.') + 1);
            names.computeIfAbsent(simple, k -> new ArrayList<>()).add(line);
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("reading fabric8's model index", e);
    }
    bySimpleName = names;
    return names;
  }

  private void walk(JsonNode node, JavaType type, String path, Target t, List<Finding> out) {
    if (node == null || node.isNull()) {
      return;
    }
    Class<?> raw = type.getRawClass();
    if (raw == String.class || raw.isEnum()) {
      expect(node.isTextual(), "a string", node, path, t, out);
    } else if (raw == Integer.class
        || raw == int.class
        || raw == Long.class
        || raw == long.class
        || raw == Short.class
        || raw == short.class) {
      expect(node.isIntegralNumber(), "an integer", node, path, t, out);
    } else if (raw == Double.class
        || raw == double.class
        || raw == Float.class
        || raw == float.class
        || Number.class.isAssignableFrom(raw)) {
      expect(node.isNumber(), "a number", node, path, t, out);
    } else if (raw == Boolean.class || raw == boolean.class) {
      expect(node.isBoolean(), "a boolean", node, path, t, out);
    } else if (raw == IntOrString.class) {
      expect(
          node.isIntegralNumber() || node.isTextual(),
          "an integer or a string",
          node,
          path,
          t,
          out);
    } else if (raw == Quantity.class) {
      expect(
          node.isTextual() || node.isNumber(),
          "a quantity (a string or a number)",
          node,
          path,
          t,
          out);
    } else if (type.isCollectionLikeType() || type.isArrayType()) {
      if (expect(node.isArray(), "a list", node, path, t, out)) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), type.getContentType(), path + "[" + i + "]", t, out);
        }
      }
    } else if (type.isMapLikeType()) {
      if (expect(node.isObject(), "a map", node, path, t, out)) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          walk(e.getValue(), type.getContentType(), child(path, e.getKey()), t, out);
        }
      }
    } else if (isModelBean(raw)) {
      if (expect(node.isObject(), "an object", node, path, t, out)) {
        Map<String, JavaType> props = properties(raw);
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          String p = child(path, e.getKey());
          JavaType field = props.get(e.getKey());
          if (field == null) {
            out.add(
                t.error(
                    p,
                    "unknown field \"" + e.getKey() + "\" (not in " + raw.getSimpleName() + ")"));
          } else {
            walk(e.getValue(), field, p, t, out);
          }
        }
      }
    }
    // anything else (Object, JsonNode, interfaces, custom decoders) takes any JSON value
  }

  /** A generated model class whose fields Jackson binds one by one (no custom decoder). */
  private static boolean isModelBean(Class<?> raw) {
    if (raw.isInterface()
        || java.lang.reflect.Modifier.isAbstract(raw.getModifiers())
        || !raw.getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return false;
    }
    JsonDeserialize d = raw.getAnnotation(JsonDeserialize.class);
    return d == null || d.using() == JsonDeserializer.None.class;
  }

  private Map<String, JavaType> properties(Class<?> raw) {
    return properties.computeIfAbsent(
        raw,
        c -> {
          BeanDescription d = mapper.getDeserializationConfig().introspect(mapper.constructType(c));
          Map<String, JavaType> byName = new LinkedHashMap<>();
          for (BeanPropertyDefinition p : d.findProperties()) {
            if (p.couldDeserialize()) {
              byName.put(p.getName(), p.getPrimaryType());
            }
          }
          return byName;
        });
  }

  private static boolean expect(
      boolean ok, String what, JsonNode node, String path, Target t, List<Finding> out) {
    if (!ok) {
      out.add(t.error(path, "must be " + what + ", got " + describe(node, path, t)));
    }
    return ok;
  }

  /** The JSON value as found, and, for a typed plain YAML scalar, the text it was written as. */
  static String describe(JsonNode node, String path, Target t) {
    String found;
    if (node.isTextual()) {
      found = "the string \"" + node.asText() + "\"";
    } else if (node.isBoolean()) {
      found = "the boolean " + node.asText();
    } else if (node.isNumber()) {
      found = "the number " + node.asText();
    } else if (node.isArray()) {
      found = "a list";
    } else if (node.isObject()) {
      found = "a map";
    } else {
      found = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
    String written = t.positions() == null ? null : t.positions().plainText(path);
    if (written != null && !(node.isTextual())) {
      found +=
          " (a YAML 1.1 reader types the plain text " + written + " so; the writer must quote it)";
    }
    return found;
  }

  /** The child path of a key, in the notation of cfctl's YAML source maps. */
  static String child(String parent, String key) {
    boolean plain = key.matches("[A-Za-z0-9_+\\-/]+");
    String k = plain ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    return parent.isEmpty() ? k : parent + "." + k;
  }
}
