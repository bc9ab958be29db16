package io.clusterfactory.cfctl.grendel.nodeset;

/**
 * One number inside a node name, kept with its zero padding so that {@code cn007} and {@code cn7}
 * stay distinct names. {@code padding} is the digit count when the text has a leading zero,
 * otherwise 0: the text and this pair map one to one.
 */
record NumberToken(long value, int padding) implements Comparable<NumberToken> {

  static NumberToken parse(CharSequence text, int start, int end) {
    long value = 0;
    for (int i = start; i < end; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    int length = end - start;
    int padding = length > 1 && text.charAt(start) == '0' ? length : 0;
    return new NumberToken(value, padding);
  }

  static NumberToken of(long value, int padding) {
    // a number that is at least as wide as the padding has no leading zero left
    return new NumberToken(value, digits(value) >= padding ? 0 : padding);
  }

  static int digits(long value) {
    int digits = 1;
    while (value >= 10) {
      value /= 10;
      digits++;
    }
    return digits;
  }

  /** True when this number prints as itself with zero padding to {@code width}. */
  boolean fitsPadding(int width) {
    return padding > 0 ? padding == width : digits(value) >= width;
  }

  void appendTo(StringBuilder out) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < padding; i++) {
      out.append('0');
    }
    out.append(digits);
  }

  @Override
  public int compareTo(NumberToken other) {
    int byValue = Long.compare(value, other.value);
    return byValue != 0 ? byValue : Integer.compare(padding, other.padding);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    appendTo(out);
    return out.toString();
  }
}
