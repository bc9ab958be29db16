package io.clusterfactory.cfctl.core.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plain-map views of manifests: the normalised form compared and shown by diff, the content hash
 * cfctl stores on every object it applies, and "does live already hold every desired field".
 */
public final class Manifests {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** Server-owned metadata, never part of a comparison. */
  private static final List<String> SERVER_METADATA =
      List.of(
          "managedFields",
          "resourceVersion",
          "uid",
          "generation",
          "creationTimestamp",
          "selfLink",
          "deletionTimestamp",
          "deletionGracePeriodSeconds");

  private Manifests() {}

  /** A mutable deep copy of {@code object} as maps and lists. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(HasMetadata object) {
    return DesiredObject.SERIALIZATION.convertValue(object, LinkedHashMap.class);
  }

  /**
   * Drops status, server-owned metadata, kubectl's last-applied annotation and cfctl's hash, and
   * folds a Secret's {@code stringData} into base64 {@code data} (what the server stores).
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> normalise(Map<String, Object> object) {
    Map<String, Object> copy = deepCopy(object);
    copy.remove("status");
    Object metadata = copy.get("metadata");
    if (metadata instanceof Map<?, ?> m) {
      Map<String, Object> meta = (Map<String, Object>) m;
      SERVER_METADATA.forEach(meta::remove);
      if (meta.get("annotations") instanceof Map<?, ?> a) {
        Map<String, Object> annotations = (Map<String, Object>) a;
        annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
        annotations.remove(KubeNames.APPLIED_HASH_ANNOTATION);
        if (annotations.isEmpty()) {
          meta.remove("annotations");
        }
      }
    }
    if ("Secret".equals(copy.get("kind")) && copy.get("stringData") instanceof Map<?, ?> s) {
      Map<String, Object> data =
          copy.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : new LinkedHashMap<>();
      s.forEach(
          (k, v) ->
              data.put(
                  (String) k,
                  Base64.getEncoder()
                      .encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8))));
      copy.put("data", data);
      copy.remove("stringData");
    }
    return copy;
  }

  /** Hash of the normalised desired object: changes whenever the manifest cfctl applies changes. */
  public static String contentHash(Map<String, Object> desired) {
    try {
      byte[] canonical = CANONICAL.writeValueAsBytes(normalise(desired));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new InternalException("hashing a manifest: " + e.getMessage(), e);
    }
  }

  /**
   * True when every field set in {@code desired} has the same value in {@code live}. Fields only in
   * live (server defaults, other managers' fields) are ignored; lists must have the same length and
   * match element by element.
   */
  public static boolean containsAll(Object live, Object desired) {
    if (desired instanceof Map<?, ?> d) {
      if (!(live instanceof Map<?, ?> l)) {
        // the server omits empty maps such as `annotations: {}`
        return live == null && d.isEmpty();
      }
      for (Map.Entry<?, ?> e : d.entrySet()) {
        if (e.getValue() == null) {
          continue;
        }
        if (!containsAll(l.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired instanceof List<?> d) {
      if (!(live instanceof List<?> l) || l.size() != d.size()) {
        return false;
      }
      for (int i = 0; i < d.size(); i++) {
        if (!containsAll(l.get(i), d.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired instanceof Number dn && live instanceof Number ln) {
      return dn.doubleValue() == ln.doubleValue();
    }
    return Objects.equals(desired, live);
  }

  /**
   * {@code live} cut down to the fields {@code desired} sets: what diff shows, so server defaults
   * and other managers' fields do not appear as changes. Extra list elements are kept whole.
   */
  @SuppressWarnings("unchecked")
  public static Object project(Object live, Object desired) {
    if (desired instanceof Map<?, ?> d && live instanceof Map<?, ?> l) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<String, Object>) l).entrySet()) {
        if (d.containsKey(e.getKey())) {
          out.put((String) e.getKey(), project(e.getValue(), d.get(e.getKey())));
        }
      }
      return out;
    }
    if (desired instanceof List<?> d && live instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (int i = 0; i < l.size(); i++) {
        out.add(i < d.size() ? project(l.get(i), d.get(i)) : l.get(i));
      }
      return out;
    }
    return live;
  }

  @SuppressWarnings("unchecked")
  static <T> T deepCopy(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(v -> copy.add(deepCopy(v)));
      return (T) copy;
    }
    return value;
  }
}
