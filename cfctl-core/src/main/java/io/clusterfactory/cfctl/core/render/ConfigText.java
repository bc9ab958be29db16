package io.clusterfactory.cfctl.core.render;

import java.util.List;
import java.util.Map;

/**
 * Writers for the non-YAML configuration files components read (TOML, INI-like, key=value), built
 * from typed values with proper quoting rather than pasted text.
 */
final class ConfigText {
  private ConfigText() {}

  /** TOML: top-level keys first, then one [table] per nested map (one level deep). */
  static String toml(Map<String, Object> doc) {
    StringBuilder top = new StringBuilder();
    StringBuilder tables = new StringBuilder();
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> m && !m.isEmpty() && isTable(m)) {
        tables.append('\n').append('[').append(e.getKey()).append("]\n");
        for (Map.Entry<?, ?> t : m.entrySet()) {
          tables.append(t.getKey()).append(" = ").append(tomlValue(t.getValue())).append('\n');
        }
      } else {
        top.append(e.getKey()).append(" = ").append(tomlValue(e.getValue())).append('\n');
      }
    }
    return top.append(tables).toString();
  }

  /** A map is written as a table unless it is marked inline by {@link Inline}. */
  private static boolean isTable(Map<?, ?> m) {
    return !(m instanceof Inline);
  }

  /** A map written inline ({@code {a = 1}}). */
  static final class Inline extends java.util.LinkedHashMap<String, Object> {
    static Inline of(Object... kv) {
      Inline i = new Inline();
      for (int k = 0; k < kv.length; k += 2) {
        i.put((String) kv[k], kv[k + 1]);
      }
      return i;
    }
  }

  static String tomlValue(Object v) {
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(tomlValue(l.get(i)));
      }
      return b.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(i++ == 0 ? "" : ", ")
            .append(e.getKey())
            .append(" = ")
            .append(tomlValue(e.getValue()));
      }
      return b.append('}').toString();
    }
    throw new IllegalArgumentException("no TOML form for " + v);
  }

  /** A basic TOML / INI-safe double-quoted string. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(ch);
      }
    }
    return b.append('"').toString();
  }

  /** INI sections as SSSD reads them: {@code [section]} then {@code key = value}. */
  static String ini(Map<String, Map<String, String>> sections) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append('[').append(s.getKey()).append("]\n");
      s.getValue().forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
    }
    return b.toString();
  }

  /** {@code Key=Value} lines as slurm.conf and slurmdbd.conf read them. */
  static String keyValues(Map<String, String> entries) {
    StringBuilder b = new StringBuilder();
    entries.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return b.toString();
  }
}
