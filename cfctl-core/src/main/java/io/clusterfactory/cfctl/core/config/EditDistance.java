package io.clusterfactory.cfctl.core.config;

import java.util.Collection;
import java.util.List;

/**
 * How far a mistyped name is from the ones cfctl knows: the one Levenshtein distance behind "did
 * you mean" in cluster.yaml's fields and the CLI's commands.
 */
public final class EditDistance {
  private EditDistance() {}

  /** The number of one-character insertions, deletions and substitutions from a to b. */
  public static int between(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The names {@code given} was probably meant to be: a typo or two away. */
  public static List<String> closeNames(String given, Collection<String> names) {
    return names.stream()
        .filter(n -> between(given, n) <= Math.max(1, Math.min(2, n.length() / 3)))
        .toList();
  }
}
