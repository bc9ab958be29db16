package io.clusterfactory.cfctl.core.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The field-level changes between two versions of one object (both already normalised and masked):
 * every leaf that differs, lists compared item by item, in path order.
 */
public final class FieldChanges {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]+");

  /** Stands for "no such field", to tell it from a field whose value is null. */
  private static final Object ABSENT = new Object();

  private FieldChanges() {}

  public static List<FieldChange> between(Map<String, ?> before, Map<String, ?> after) {
    List<FieldChange> out = new ArrayList<>();
    walk("", before == null ? ABSENT : before, after == null ? ABSENT : after, out);
    return out;
  }

  private static void walk(String path, Object before, Object after, List<FieldChange> out) {
    if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
      TreeSet<String> keys = new TreeSet<>();
      b.keySet().forEach(k -> keys.add(String.valueOf(k)));
      a.keySet().forEach(k -> keys.add(String.valueOf(k)));
      for (String key : keys) {
        walk(
            child(path, key),
            b.containsKey(key) ? b.get(key) : ABSENT,
            a.containsKey(key) ? a.get(key) : ABSENT,
            out);
      }
      return;
    }
    if (before instanceof List<?> b && after instanceof List<?> a) {
      for (int i = 0; i < Math.max(b.size(), a.size()); i++) {
        walk(
            path + "[" + i + "]",
            i < b.size() ? b.get(i) : ABSENT,
            i < a.size() ? a.get(i) : ABSENT,
            out);
      }
      return;
    }
    if (!same(before, after)) {
      out.add(new FieldChange(path.isEmpty() ? "." : path, text(before), text(after)));
    }
  }

  private static String child(String path, String key) {
    if (WORD.matcher(key).matches()) {
      return path.isEmpty() ? key : path + "." + key;
    }
    return path + "[\"" + key.replace("\"", "\\\"") + "\"]";
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    return Objects.equals(a, b);
  }

  private static String text(Object value) {
    if (value == ABSENT) {
      return null;
    }
    if (value == null) {
      return "null";
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      try {
        return JSON.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        return String.valueOf(value);
      }
    }
    return value.toString();
  }
}
