package io.clusterfactory.cfctl.cli;

import java.util.Collection;
import java.util.List;

/** The names a mistyped one was probably meant to be: a typo or two away (edit distance). */
final class CloseNames {
  private CloseNames() {}

  static List<String> to(String given, Collection<String> names) {
    return names.stream()
        .filter(n -> distance(given, n) <= Math.max(1, Math.min(2, n.length() / 3)))
        .toList();
  }

  /** Levenshtein distance, two rows. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int swap = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + swap);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
