package io.clusterfactory.cfctl.core.config;

import java.util.function.Function;

/**
 * {@code $VAR}, {@code ${VAR}} and {@code ${VAR:-default}} substitution, as k0sctl's envsubst does
 * before parsing; {@code $$} is a literal dollar. An unset variable without a default is an error
 * at its position in the original text; {@code ${VAR:-}} gives an explicit empty value.
 */
public final class EnvSubstitution {
  private final Function<String, String> env;

  public EnvSubstitution(Function<String, String> env) {
    this.env = env;
  }

  /** Returns the substituted text; unset variables are reported to {@code problems}. */
  public String apply(String text, String source, Problems problems) {
    StringBuilder out = new StringBuilder(text.length());
    int line = 1;
    int lineStart = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        lineStart = i + 1;
        out.append(c);
        i++;
        continue;
      }
      if (c != '$' || i + 1 >= n) {
        out.append(c);
        i++;
        continue;
      }
      // A YAML comment is left alone: `# costs $5` must not need a variable.
      if (inComment(text, lineStart, i)) {
        out.append(c);
        i++;
        continue;
      }
      char next = text.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '{') {
        int close = text.indexOf('}', i + 2);
        int newline = text.indexOf('\n', i + 2);
        if (close < 0 || (newline >= 0 && newline < close)) {
          out.append(c);
          i++;
          continue;
        }
        String body = text.substring(i + 2, close);
        int sep = body.indexOf(":-");
        String name = sep >= 0 ? body.substring(0, sep) : body;
        String fallback = sep >= 0 ? body.substring(sep + 2) : null;
        if (!isName(name)) {
          out.append(c);
          i++;
          continue;
        }
        String value = env.apply(name);
        if (value == null || (value.isEmpty() && fallback != null)) {
          if (fallback == null) {
            report(problems, source, line, i - lineStart + 1, name);
            value = "";
          } else {
            value = fallback;
          }
        }
        out.append(value);
        i = close + 1;
      } else if (Character.isLetter(next) || next == '_') {
        int end = i + 1;
        while (end < n
            && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
          end++;
        }
        String name = text.substring(i + 1, end);
        String value = env.apply(name);
        if (value == null) {
          report(problems, source, line, i - lineStart + 1, name);
          value = "";
        }
        out.append(value);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean inComment(String text, int lineStart, int at) {
    boolean single = false;
    boolean dbl = false;
    for (int k = lineStart; k < at; k++) {
      char ch = text.charAt(k);
      if (ch == '\'' && !dbl) {
        single = !single;
      } else if (ch == '"' && !single) {
        dbl = !dbl;
      } else if (ch == '#' && !single && !dbl && (k == lineStart || isBlank(text.charAt(k - 1)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBlank(char ch) {
    return ch == ' ' || ch == '\t';
  }

  private static boolean isName(String name) {
    if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
      return false;
    }
    return name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_');
  }

  private static void report(Problems problems, String source, int line, int column, String name) {
    problems.add(
        Severity.ERROR,
        "",
        new Position(source, line, column),
        "environment variable " + name + " is not set",
        "export " + name + "=..., or write ${" + name + ":-default}");
  }
}
