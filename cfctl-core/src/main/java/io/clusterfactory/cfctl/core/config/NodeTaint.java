package io.clusterfactory.cfctl.core.config;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * One taint of {@code spec.hosts[].taints}, written as kubectl writes it: {@code key=value:Effect}
 * or {@code key:Effect}. A Node holds at most one taint per key and effect, so that pair is what
 * identifies it (and what cfctl records as its own).
 */
public record NodeTaint(String key, String value, String effect) {
  static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  /** Label-style names: an optional DNS-subdomain prefix and a 63-character name. */
  private static final Pattern NAME =
      Pattern.compile(
          "^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");

  private static final Pattern VALUE =
      Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$");

  /** Reads {@code key=value:Effect} or {@code key:Effect}; the message says what is wrong. */
  public static NodeTaint parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty taint");
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("taint '" + text + "' has no effect");
    }
    String effect = text.substring(colon + 1);
    if (!EFFECTS.contains(effect)) {
      throw new IllegalArgumentException(
          "taint '"
              + text
              + "' has effect '"
              + effect
              + "', not one of "
              + String.join(", ", sorted()));
    }
    String keyValue = text.substring(0, colon);
    int eq = keyValue.indexOf('=');
    String key = eq < 0 ? keyValue : keyValue.substring(0, eq);
    String value = eq < 0 ? "" : keyValue.substring(eq + 1);
    if (!isName(key)) {
      throw new IllegalArgumentException("taint key '" + key + "' is not a valid label key");
    }
    if (!isValue(value)) {
      throw new IllegalArgumentException("taint value '" + value + "' is not a valid label value");
    }
    return new NodeTaint(key, value, effect);
  }

  /** Whether {@code key} is a valid label (or taint) key. */
  public static boolean isName(String key) {
    return key != null && NAME.matcher(key).matches();
  }

  /** Whether {@code value} is a valid label value (the empty string is one). */
  public static boolean isValue(String value) {
    return value != null && VALUE.matcher(value).matches();
  }

  /** The key and effect: a Node has one taint per pair. */
  public String identity() {
    return key + ":" + effect;
  }

  /** As written in cluster.yaml and shown in plans. */
  @Override
  public String toString() {
    return value.isEmpty() ? key + ":" + effect : key + "=" + value + ":" + effect;
  }

  private static java.util.List<String> sorted() {
    return EFFECTS.stream().sorted().toList();
  }
}
