package io.clusterfactory.cfctl.grendel.nodeset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Folding of a set of numbers into ClusterShell range syntax ({@code 1-3,7,09-10}). */
final class RangeSet {
  private RangeSet() {}

  /**
   * Folds sorted, distinct numbers into comma-separated ranges. Consecutive numbers share a range
   * only when one zero-padding width prints all of them unchanged ({@code 098-100} but {@code
   * 9,010}).
   */
  static String fold(Collection<NumberToken> numbers) {
    List<NumberToken> sorted = new ArrayList<>(new TreeSet<>(numbers));
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < sorted.size()) {
      NumberToken first = sorted.get(i);
      // numbers only grow, so the first one fixes the padding width of its run
      int width = first.padding();
      int j = i + 1;
      while (j < sorted.size()
          && sorted.get(j).value() == sorted.get(j - 1).value() + 1
          && sorted.get(j).fitsPadding(width)) {
        j++;
      }
      if (out.length() > 0) {
        out.append(',');
      }
      first.appendTo(out);
      if (j - 1 > i) {
        out.append('-');
        sorted.get(j - 1).appendTo(out);
      }
      i = j;
    }
    return out.toString();
  }
}
