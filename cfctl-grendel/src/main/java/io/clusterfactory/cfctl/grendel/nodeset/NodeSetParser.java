package io.clusterfactory.cfctl.grendel.nodeset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses ClusterShell nodeset syntax: patterns with bracketed range sets ({@code cn[001-128]},
 * {@code r[1-2]n[01-04]}, {@code x[1-9/2]}, {@code x[5,9-11]}), joined at top level by {@code ,}
 * (union), {@code !} (difference), {@code &} (intersection) and {@code ^} (symmetric difference),
 * evaluated left to right. Whitespace is ignored.
 */
final class NodeSetParser {
  /** Guards against a typo such as {@code cn[1-100000000]} exhausting memory. */
  static final int MAX_NAMES = 1_000_000;

  private final String text;
  private int pos;

  private NodeSetParser(String text) {
    this.text = text;
  }

  static Set<String> parse(String text) {
    if (text == null) {
      throw new NodeSetSyntaxException("", 1, "nodeset is missing");
    }
    return new NodeSetParser(text).parseAll();
  }

  private Set<String> parseAll() {
    skipSpaces();
    if (pos >= text.length()) {
      throw error(pos, "nodeset is empty");
    }
    Set<String> result = new LinkedHashSet<>(parseElement());
    while (true) {
      skipSpaces();
      if (pos >= text.length()) {
        return result;
      }
      char operator = text.charAt(pos);
      pos++;
      List<String> operand = parseElement();
      switch (operator) {
        case ',' -> result.addAll(operand);
        case '!' -> operand.forEach(result::remove);
        case '&' -> result.retainAll(new LinkedHashSet<>(operand));
        case '^' -> {
          for (String name : operand) {
            if (!result.remove(name)) {
              result.add(name);
            }
          }
        }
        default -> throw new IllegalStateException("unexpected operator " + operator);
      }
      if (result.size() > MAX_NAMES) {
        throw error(pos, "more than " + MAX_NAMES + " names");
      }
    }
  }

  /** One pattern such as {@code r[1-2]n[01-04]-ib}, expanded to its names in order. */
  private List<String> parseElement() {
    skipSpaces();
    int start = pos;
    List<Object> parts = new ArrayList<>(); // String literal or List<NumberToken>
    StringBuilder literal = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ',' || c == '!' || c == '&' || c == '^') {
        break;
      }
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '[') {
        if (literal.length() > 0) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(parseRangeSet());
      } else if (c == ']') {
        throw error(pos, "']' without a matching '['");
      } else if (c == '@') {
        throw error(pos, "node groups (@name) are not supported; list the nodes instead");
      } else {
        literal.append(c);
        pos++;
      }
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    if (parts.isEmpty()) {
      throw error(
          start,
          pos < text.length()
              ? "empty node name before '" + text.charAt(pos) + "'"
              : "empty node name at the end");
    }
    return expand(parts, start);
  }

  @SuppressWarnings("unchecked")
  private List<String> expand(List<Object> parts, int start) {
    long count = 1;
    for (Object part : parts) {
      if (part instanceof List<?> numbers) {
        count *= numbers.size();
        if (count > MAX_NAMES) {
          throw error(start, "pattern expands to more than " + MAX_NAMES + " names");
        }
      }
    }
    List<String> names = new ArrayList<>((int) count);
    names.add("");
    for (Object part : parts) {
      if (part instanceof String literal) {
        names.replaceAll(name -> name + literal);
      } else {
        List<NumberToken> numbers = (List<NumberToken>) part;
        List<String> next = new ArrayList<>(names.size() * numbers.size());
        StringBuilder name = new StringBuilder();
        for (String prefix : names) {
          for (NumberToken number : numbers) {
            name.setLength(0);
            name.append(prefix);
            number.appendTo(name);
            next.add(name.toString());
          }
        }
        names = next;
      }
    }
    return names;
  }

  /** Parses {@code [a-b/step,c,...]} starting at '[' and returns its numbers in order. */
  private List<NumberToken> parseRangeSet() {
    int open = pos;
    pos++; // '['
    List<NumberToken> numbers = new ArrayList<>();
    while (true) {
      skipSpaces();
      if (pos >= text.length()) {
        throw error(open, "'[' is never closed");
      }
      if (text.charAt(pos) == ']' && numbers.isEmpty()) {
        throw error(pos, "empty range '[]'");
      }
      parseRange(numbers);
      skipSpaces();
      if (pos >= text.length()) {
        throw error(open, "'[' is never closed");
      }
      char c = text.charAt(pos);
      if (c == ']') {
        pos++;
        return numbers;
      }
      if (c != ',') {
        throw error(pos, c == '[' ? "nested '['" : "unexpected '" + c + "' in range");
      }
      pos++;
    }
  }

  private void parseRange(List<NumberToken> into) {
    int loStart = pos;
    String lo = digits("a number");
    skipSpaces();
    if (pos >= text.length() || text.charAt(pos) != '-') {
      into.add(NumberToken.parse(lo, 0, lo.length()));
      return;
    }
    pos++;
    skipSpaces();
    int hiStart = pos;
    String hi = digits("the end of the range");
    long step = 1;
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == '/') {
      pos++;
      skipSpaces();
      int stepStart = pos;
      step = Long.parseLong(digits("a step"));
      if (step < 1) {
        throw error(stepStart, "step must be at least 1");
      }
    }
    long from = Long.parseLong(lo);
    long to = Long.parseLong(hi);
    if (from > to) {
      throw error(loStart, "range " + lo + "-" + hi + " goes backwards");
    }
    int padding = lo.length() > 1 && lo.charAt(0) == '0' ? lo.length() : 0;
    boolean hiPadded = hi.length() > 1 && hi.charAt(0) == '0';
    if (hiPadded && hi.length() != lo.length()) {
      throw error(hiStart, "padding of " + hi + " does not match " + lo);
    }
    if (padding == 0 && hiPadded) {
      throw error(hiStart, "padding of " + hi + " does not match " + lo);
    }
    if ((to - from) / step + 1 + into.size() > MAX_NAMES) {
      throw error(loStart, "range expands to more than " + MAX_NAMES + " numbers");
    }
    for (long value = from; value <= to; value += step) {
      into.add(NumberToken.of(value, padding));
    }
  }

  private String digits(String what) {
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
      pos++;
    }
    if (pos == start) {
      if (pos >= text.length()) {
        throw error(pos, "expected " + what + " but the nodeset ends");
      }
      throw error(pos, "expected " + what + " but found '" + text.charAt(pos) + "'");
    }
    if (pos - start > 18) {
      throw error(start, "number " + text.substring(start, pos) + " is too large");
    }
    return text.substring(start, pos);
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private NodeSetSyntaxException error(int index, String reason) {
    return new NodeSetSyntaxException(text, index + 1, reason);
  }
}
