package io.clusterfactory.cfctl.grendel.nodeset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A node name split into its text pattern and its numbers: {@code r1n07} has pattern {@code r#n#}
 * and numbers {@code 1, 07}. Names sort by pattern, then numerically, which is the nodeset order
 * used everywhere (expansion, IP assignment, rendering).
 */
record NodeName(String text, String pattern, NumberToken[] numbers) {
  /** Stands for a number in {@link #pattern}; cannot occur in a valid name. */
  static final char NUMBER_SLOT = '\u0000';

  static final Comparator<NodeName> ORDER =
      Comparator.comparing(NodeName::pattern)
          .thenComparing(NodeName::numbers, NodeName::compareNumbers);

  static NodeName of(String text) {
    StringBuilder pattern = new StringBuilder(text.length());
    List<NumberToken> numbers = new ArrayList<>(2);
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        int start = i;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
          i++;
        }
        if (i - start > 18) {
          // too long for a long; keep it as text, which still round-trips exactly
          pattern.append(text, start, i);
        } else {
          numbers.add(NumberToken.parse(text, start, i));
          pattern.append(NUMBER_SLOT);
        }
      } else {
        pattern.append(c);
        i++;
      }
    }
    return new NodeName(text, pattern.toString(), numbers.toArray(new NumberToken[0]));
  }

  private static int compareNumbers(NumberToken[] left, NumberToken[] right) {
    return Arrays.compare(left, right);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NodeName name && name.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
