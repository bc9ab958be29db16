package io.clusterfactory.cfctl.core.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a YAML 1.1 reader types a plain (unquoted, untagged) scalar. The readers that consume what
 * cfctl writes, and the k0sctl files it reads, are go-yaml v2/v3 (Kubernetes, Argo CD, Helm, k0s)
 * and YAML 1.1 libraries: the patterns below are the union of the yaml.org/type resolvers and the
 * extra forms go-yaml accepts (Go number prefixes, {@code 1e3} without a dot, one-digit months), so
 * a text none of them types is a string for all of them.
 */
public final class Yaml11 {
  /** What a plain scalar reads as. */
  public enum Kind {
    NULL,
    BOOL,
    INT,
    FLOAT,
    TIMESTAMP,
    MERGE,
    VALUE,
    STRING
  }

  private static final Set<String> TRUE =
      Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE");
  private static final Set<String> FALSE =
      Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE");
  private static final Set<String> NULL = Set.of("", "~", "null", "Null", "NULL");

  // yaml.org/type/int.html and float.html, on the text as written.
  private static final Pattern SPEC_INT =
      Pattern.compile(
          "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
              + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
  private static final Pattern SPEC_FLOAT =
      Pattern.compile(
          "[-+]?(?:[0-9][0-9_]*)?\\.[0-9.]*(?:[eE][-+][0-9]+)?"
              + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
              + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
  // go-yaml drops every '_' and then tries Go's ParseInt(s, 0) and its own float pattern.
  private static final Pattern GO_INT =
      Pattern.compile("[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)");
  private static final Pattern GO_FLOAT =
      Pattern.compile("[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?");
  // yaml.org/type/timestamp.html, widened to Go's layouts (one-digit month, day, hour, minute).
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
              + "(?:(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]*)?"
              + "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?");

  private Yaml11() {}

  /** The type a YAML 1.1 reader gives {@code plain} written without quotes or tag. */
  public static Kind kindOf(String plain) {
    if (NULL.contains(plain)) {
      return Kind.NULL;
    }
    if (TRUE.contains(plain) || FALSE.contains(plain)) {
      return Kind.BOOL;
    }
    if (plain.equals("<<")) {
      return Kind.MERGE;
    }
    if (plain.equals("=")) {
      return Kind.VALUE;
    }
    char c = plain.charAt(0);
    if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
      return Kind.STRING;
    }
    String digits = plain.replace("_", "");
    if (SPEC_INT.matcher(plain).matches() || GO_INT.matcher(digits).matches()) {
      return Kind.INT;
    }
    if (SPEC_FLOAT.matcher(plain).matches() || GO_FLOAT.matcher(digits).matches()) {
      return Kind.FLOAT;
    }
    if (TIMESTAMP.matcher(plain).matches()) {
      return Kind.TIMESTAMP;
    }
    return Kind.STRING;
  }

  /** True when a YAML 1.1 reader would not read {@code text}, written plain, as this string. */
  public static boolean isTyped(String text) {
    return kindOf(text) != Kind.STRING;
  }

  /** The boolean of a {@link Kind#BOOL} text. */
  public static boolean booleanOf(String plain) {
    return TRUE.contains(plain);
  }

  /**
   * The integer of a {@link Kind#INT} text, or null when the digits do not make one (a lone {@code
   * 0b_}, an {@code 08} that go-yaml reads as a float).
   */
  public static BigInteger integerOf(String plain) {
    String s = plain.replace("_", "");
    boolean negative = s.startsWith("-");
    if (s.startsWith("-") || s.startsWith("+")) {
      s = s.substring(1);
    }
    BigInteger v;
    try {
      if (s.contains(":")) {
        v = BigInteger.ZERO;
        for (String part : s.split(":")) {
          v = v.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
        }
      } else if (s.length() > 2 && s.charAt(0) == '0' && "bB".indexOf(s.charAt(1)) >= 0) {
        v = new BigInteger(s.substring(2), 2);
      } else if (s.length() > 2 && s.charAt(0) == '0' && "oO".indexOf(s.charAt(1)) >= 0) {
        v = new BigInteger(s.substring(2), 8);
      } else if (s.length() > 2 && s.charAt(0) == '0' && "xX".indexOf(s.charAt(1)) >= 0) {
        v = new BigInteger(s.substring(2), 16);
      } else if (s.length() > 1 && s.charAt(0) == '0') {
        v = new BigInteger(s.substring(1), 8);
      } else {
        v = new BigInteger(s);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return negative ? v.negate() : v;
  }

  /**
   * The number of a {@link Kind#FLOAT} (or octal-looking {@code 08}) text: a BigDecimal, or a
   * Double for infinities and NaN; null when the digits do not make one.
   */
  public static Number floatOf(String plain) {
    String s = plain.replace("_", "");
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".inf")) {
      return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals(".nan")) {
      return Double.NaN;
    }
    try {
      if (s.contains(":")) {
        boolean negative = s.startsWith("-");
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        String[] parts = body.split(":");
        BigDecimal v = BigDecimal.ZERO;
        for (String part : parts) {
          v = v.multiply(BigDecimal.valueOf(60)).add(new BigDecimal(part));
        }
        return negative ? v.negate() : v;
      }
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
