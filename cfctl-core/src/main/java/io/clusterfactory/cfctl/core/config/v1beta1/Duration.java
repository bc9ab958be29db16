package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go-style duration as k0sctl writes them: {@code 90s}, {@code 2m}, {@code 1h30m}, {@code 500ms}.
 */
public record Duration(java.time.Duration value, String text) {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  @JsonCreator
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration");
    }
    String t = text.trim();
    if (t.equals("0")) {
      return new Duration(java.time.Duration.ZERO, t);
    }
    Matcher m = PART.matcher(t);
    int end = 0;
    double millis = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      double n = Double.parseDouble(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
          };
      end = m.end();
    }
    if (end != t.length() || end == 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write e.g. 90s, 2m or 1h30m");
    }
    return new Duration(java.time.Duration.ofMillis((long) millis), t);
  }

  public static Duration of(java.time.Duration value) {
    return new Duration(value, value.toSeconds() + "s");
  }

  @JsonValue
  public String text() {
    return text;
  }
}
