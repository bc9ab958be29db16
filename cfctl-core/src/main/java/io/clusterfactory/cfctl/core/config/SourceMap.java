package io.clusterfactory.cfctl.core.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Positions of every key and value of a YAML document by YAML path ({@code spec.hosts[0].role}). A
 * path with no entry of its own resolves to its nearest ancestor, so a missing field points at the
 * mapping that lacks it.
 */
public final class SourceMap {
  private final String source;
  private final Map<String, Position> keys = new HashMap<>();
  private final Map<String, Position> values = new HashMap<>();
  private final Map<String, String> plainTexts = new HashMap<>();

  public SourceMap(String source) {
    this.source = source;
  }

  public String source() {
    return source;
  }

  void putKey(String path, int line, int column) {
    keys.putIfAbsent(path, new Position(source, line, column));
  }

  void putValue(String path, int line, int column) {
    values.putIfAbsent(path, new Position(source, line, column));
  }

  void putPlainText(String path, String text) {
    plainTexts.putIfAbsent(path, text);
  }

  /**
   * The text as written of the plain scalar at {@code path} that YAML typed as a number, boolean or
   * null ({@code 0x01}, {@code off}, {@code ~}); null for any other value. A field that takes a
   * string reads this text, never the typed value.
   */
  public String plainText(String path) {
    return plainTexts.get(path);
  }

  /** Position of the value at {@code path} (or of its key, or of the nearest ancestor). */
  public Position valueOf(String path) {
    String p = path;
    while (true) {
      Position v = values.get(p);
      if (v != null) {
        return v;
      }
      Position k = keys.get(p);
      if (k != null) {
        return k;
      }
      if (p.isEmpty()) {
        return new Position(source, 1, 1);
      }
      p = parent(p);
    }
  }

  /** Position of the key at {@code path}, falling back like {@link #valueOf}. */
  public Position keyOf(String path) {
    Position k = keys.get(path);
    return k != null ? k : valueOf(path);
  }

  static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  static String child(String parent, String key) {
    boolean plain = key.matches("[A-Za-z0-9_+\\-/]+");
    String k = plain ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    return parent.isEmpty() ? k : parent + "." + k;
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }
}
