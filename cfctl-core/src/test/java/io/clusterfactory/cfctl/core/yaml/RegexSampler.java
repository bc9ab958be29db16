package io.clusterfactory.cfctl.core.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random strings matching a regular expression, for the small syntax the yaml.org type pages use:
 * literals, {@code \} escapes, character classes with ranges, groups, {@code |}, {@code ?}, {@code
 * *} and {@code +} (repetitions capped at a few).
 */
public final class RegexSampler {
  private final String re;
  private final Random random;
  private int pos;

  private RegexSampler(String re, Random random) {
    this.re = re;
    this.random = random;
  }

  public static String sample(String regex, Random random) {
    RegexSampler s = new RegexSampler(regex, random);
    StringBuilder out = new StringBuilder();
    s.alternation(out);
    if (s.pos != regex.length()) {
      throw new IllegalArgumentException("unsupported regex at " + s.pos + ": " + regex);
    }
    return out.toString();
  }

  private void alternation(StringBuilder out) {
    // Pick a branch by sampling all of them and keeping one: branches are short.
    List<String> branches = new ArrayList<>();
    while (true) {
      StringBuilder b = new StringBuilder();
      sequence(b);
      branches.add(b.toString());
      if (pos < re.length() && re.charAt(pos) == '|') {
        pos++;
        continue;
      }
      break;
    }
    out.append(branches.get(random.nextInt(branches.size())));
  }

  private void sequence(StringBuilder out) {
    while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
      int atomStart = pos;
      skipAtom();
      int atomEnd = pos;
      int min = 1;
      int max = 1;
      if (pos < re.length()) {
        switch (re.charAt(pos)) {
          case '?' -> {
            min = 0;
            pos++;
          }
          case '*' -> {
            min = 0;
            max = 4;
            pos++;
          }
          case '+' -> {
            max = 4;
            pos++;
          }
          default -> {}
        }
      }
      int after = pos;
      int n = min + random.nextInt(max - min + 1);
      for (int i = 0; i < n; i++) {
        pos = atomStart;
        atom(out);
        if (pos != atomEnd) {
          throw new IllegalStateException("atom parse mismatch in " + re);
        }
      }
      pos = after;
    }
  }

  private void skipAtom() {
    StringBuilder ignored = new StringBuilder();
    atom(ignored);
  }

  private void atom(StringBuilder out) {
    char c = re.charAt(pos);
    switch (c) {
      case '(' -> {
        pos++;
        if (re.startsWith("?:", pos)) {
          pos += 2;
        }
        alternation(out);
        expect(')');
      }
      case '[' -> charClass(out);
      case '\\' -> {
        out.append(escaped(re.charAt(pos + 1)));
        pos += 2;
      }
      default -> {
        out.append(c);
        pos++;
      }
    }
  }

  private void charClass(StringBuilder out) {
    expect('[');
    List<char[]> ranges = new ArrayList<>();
    while (re.charAt(pos) != ']') {
      char from = re.charAt(pos) == '\\' ? escaped(re.charAt(++pos)) : re.charAt(pos);
      pos++;
      char to = from;
      if (re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
        pos++;
        to = re.charAt(pos) == '\\' ? escaped(re.charAt(++pos)) : re.charAt(pos);
        pos++;
      }
      ranges.add(new char[] {from, to});
    }
    expect(']');
    char[] r = ranges.get(random.nextInt(ranges.size()));
    out.append((char) (r[0] + random.nextInt(r[1] - r[0] + 1)));
  }

  private static char escaped(char c) {
    return switch (c) {
      case 't' -> '\t';
      case 'n' -> '\n';
      default -> c;
    };
  }

  private void expect(char c) {
    if (re.charAt(pos) != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + re);
    }
    pos++;
  }
}
