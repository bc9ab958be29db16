package io.clusterfactory.cfctl.core.diff;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Replaces the values of a Secret ({@code data}, {@code stringData}) or SealedSecret ({@code
 * spec.encryptedData}) with markers, keeping per key whether it changed. As in {@code kubectl
 * diff}, a changed key reads {@code *** (before)} / {@code *** (after)} so the diff still shows a
 * line for it; every other value reads {@code ***}.
 */
public final class SecretMasking {
  public static final String MASK = "***";
  public static final String MASK_BEFORE = "*** (before)";
  public static final String MASK_AFTER = "*** (after)";

  private SecretMasking() {}

  /** Both sides masked, and the per-key changes. A side is null when the object is absent there. */
  public record Masked(
      Map<String, Object> before, Map<String, Object> after, List<SecretKeyDiff> keys) {}

  /**
   * Masks a pair of the same object. Sides are deep-copied first; the inputs are not modified. For
   * kinds that carry no secret the copies are returned unchanged with no keys.
   */
  public static Masked mask(ObjectRef ref, Map<String, ?> before, Map<String, ?> after) {
    Map<String, Object> b = before == null ? null : CanonicalYaml.toMap(before);
    Map<String, Object> a = after == null ? null : CanonicalYaml.toMap(after);
    if (!ref.isSecretBearing()) {
      return new Masked(b, a, List.of());
    }
    boolean sealed = ref.kind().equals("SealedSecret");
    Map<String, Object> valuesBefore = sealed ? encryptedData(b) : secretData(b);
    Map<String, Object> valuesAfter = sealed ? encryptedData(a) : secretData(a);
    List<SecretKeyDiff> keys = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>();
    if (valuesBefore != null) {
      names.addAll(valuesBefore.keySet());
    }
    if (valuesAfter != null) {
      names.addAll(valuesAfter.keySet());
    }
    for (String key : names) {
      boolean inBefore = valuesBefore != null && valuesBefore.containsKey(key);
      boolean inAfter = valuesAfter != null && valuesAfter.containsKey(key);
      KeyChange change;
      if (inBefore && inAfter) {
        change =
            Objects.equals(valuesBefore.get(key), valuesAfter.get(key))
                ? KeyChange.UNCHANGED
                : KeyChange.CHANGED;
      } else {
        change = inAfter ? KeyChange.ADDED : KeyChange.REMOVED;
      }
      // only a key that exists on both sides can be "changed"; an absent side has no values at all
      if (before != null && after != null) {
        keys.add(new SecretKeyDiff(key, change));
      } else {
        keys.add(new SecretKeyDiff(key, after != null ? KeyChange.ADDED : KeyChange.REMOVED));
      }
      if (inBefore) {
        valuesBefore.put(key, change == KeyChange.CHANGED ? MASK_BEFORE : MASK);
      }
      if (inAfter) {
        valuesAfter.put(key, change == KeyChange.CHANGED ? MASK_AFTER : MASK);
      }
    }
    return new Masked(b, a, keys);
  }

  /**
   * A Secret's values in one map: {@code stringData} is folded into {@code data} base64-encoded, as
   * the API server does, so a desired {@code stringData} compares equal to the live {@code data}.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> secretData(Map<String, Object> secret) {
    if (secret == null) {
      return null;
    }
    Map<String, Object> data =
        secret.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : new LinkedHashMap<>();
    if (secret.remove("stringData") instanceof Map<?, ?> stringData) {
      for (Map.Entry<?, ?> e : stringData.entrySet()) {
        String plain = e.getValue() == null ? "" : e.getValue().toString();
        data.put(
            e.getKey().toString(),
            Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
      }
    }
    if (!data.isEmpty()) {
      secret.put("data", data);
    }
    return data;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> encryptedData(Map<String, Object> sealed) {
    if (sealed == null || !(sealed.get("spec") instanceof Map<?, ?> spec)) {
      return sealed == null ? null : new LinkedHashMap<>();
    }
    return spec.get("encryptedData") instanceof Map<?, ?> d
        ? (Map<String, Object>) d
        : new LinkedHashMap<>();
  }
}
