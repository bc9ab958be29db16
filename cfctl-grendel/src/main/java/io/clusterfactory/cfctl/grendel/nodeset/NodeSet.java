package io.clusterfactory.cfctl.grendel.nodeset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable, sorted set of node names with ClusterShell-compatible syntax.
 *
 * <p>{@link #parse(String)} accepts {@code cn[001-128]}, {@code r[1-2]n[01-04]}, {@code x[1-9/2]},
 * {@code x[5,9-11]} and top-level {@code ,}/{@code !}/{@code &}/{@code ^}. {@link #fold()} prints
 * the canonical form: patterns sorted, zero padding kept, no steps, so {@code fold(expand(x))} is
 * the same string for every spelling of the same set.
 */
public final class NodeSet implements Iterable<String> {
  private static final NodeSet EMPTY = new NodeSet(List.of());

  /** Nodeset order: text pattern first, then numbers numerically ({@code cn9 < cn10}). */
  public static final Comparator<String> NAME_ORDER =
      (left, right) -> NodeName.ORDER.compare(NodeName.of(left), NodeName.of(right));

  private final List<NodeName> sorted;
  private Set<String> lookup;
  private String folded;

  private NodeSet(List<NodeName> sorted) {
    this.sorted = sorted;
  }

  /** Parses nodeset syntax; throws {@link NodeSetSyntaxException} with the offending column. */
  public static NodeSet parse(String nodeset) {
    return fromNames(NodeSetParser.parse(nodeset));
  }

  /** The set of the given plain names (duplicates allowed); names may not contain syntax. */
  public static NodeSet of(Collection<String> names) {
    Set<String> unique = new LinkedHashSet<>(names.size() * 2);
    for (String name : names) {
      checkPlainName(name);
      unique.add(name);
    }
    return fromNames(unique);
  }

  public static NodeSet of(String... names) {
    return of(Arrays.asList(names));
  }

  public static NodeSet empty() {
    return EMPTY;
  }

  /** Shortcut for {@code parse(nodeset).names()}. */
  public static List<String> expand(String nodeset) {
    return parse(nodeset).names();
  }

  /** Shortcut for {@code of(names).fold()}. */
  public static String fold(Collection<String> names) {
    return of(names).fold();
  }

  private static NodeSet fromNames(Collection<String> names) {
    if (names.isEmpty()) {
      return EMPTY;
    }
    List<NodeName> parsed = new ArrayList<>(names.size());
    for (String name : names) {
      parsed.add(NodeName.of(name));
    }
    parsed.sort(NodeName.ORDER);
    return new NodeSet(Collections.unmodifiableList(parsed));
  }

  private static void checkPlainName(String name) {
    if (name == null || name.isEmpty()) {
      throw new NodeSetSyntaxException(String.valueOf(name), 1, "node name is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '['
          || c == ']'
          || c == ','
          || c == '!'
          || c == '&'
          || c == '^'
          || c == '@'
          || c == NodeName.NUMBER_SLOT
          || Character.isWhitespace(c)) {
        throw new NodeSetSyntaxException(name, i + 1, "'" + c + "' is not allowed in a node name");
      }
    }
  }

  /** The names in nodeset order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(sorted.size());
    for (NodeName name : sorted) {
      names.add(name.text());
    }
    return names;
  }

  public int size() {
    return sorted.size();
  }

  public boolean isEmpty() {
    return sorted.isEmpty();
  }

  public boolean contains(String name) {
    return lookup().contains(name);
  }

  public NodeSet union(NodeSet other) {
    Set<String> all = new LinkedHashSet<>(lookup());
    all.addAll(other.lookup());
    return fromNames(all);
  }

  public NodeSet difference(NodeSet other) {
    Set<String> rest = new LinkedHashSet<>(lookup());
    rest.removeAll(other.lookup());
    return fromNames(rest);
  }

  public NodeSet intersection(NodeSet other) {
    Set<String> common = new LinkedHashSet<>(lookup());
    common.retainAll(other.lookup());
    return fromNames(common);
  }

  /**
   * Splits into consecutive chunks of at most {@code size} names, in nodeset order (for batched API
   * calls).
   */
  public List<NodeSet> split(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1, got " + size);
    }
    List<NodeSet> chunks = new ArrayList<>();
    for (int from = 0; from < sorted.size(); from += size) {
      chunks.add(new NodeSet(sorted.subList(from, Math.min(sorted.size(), from + size))));
    }
    return chunks;
  }

  /** Canonical folded form, e.g. {@code cn[001-003],gpu[1-2]}; empty string for no nodes. */
  public String fold() {
    if (folded == null) {
      folded = Folder.fold(sorted);
    }
    return folded;
  }

  @Override
  public Iterator<String> iterator() {
    return names().iterator();
  }

  private Set<String> lookup() {
    if (lookup == null) {
      Set<String> names = new HashSet<>(sorted.size() * 2);
      for (NodeName name : sorted) {
        names.add(name.text());
      }
      lookup = names;
    }
    return lookup;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NodeSet set && set.sorted.equals(sorted);
  }

  @Override
  public int hashCode() {
    return sorted.hashCode();
  }

  @Override
  public String toString() {
    return fold();
  }

  /**
   * Folds names pattern by pattern. Several numbers in a name fold dimension by dimension from the
   * last: names sharing all but the last number collect their last numbers into one range, and
   * prefixes with identical last ranges fold recursively ({@code r[1-2]n[01-04]}).
   */
  private static final class Folder {
    private Folder() {}

    static String fold(List<NodeName> names) {
      Map<String, List<NumberToken[]>> byPattern = new TreeMap<>();
      for (NodeName name : names) {
        byPattern.computeIfAbsent(name.pattern(), k -> new ArrayList<>()).add(name.numbers());
      }
      StringBuilder out = new StringBuilder();
      for (Map.Entry<String, List<NumberToken[]>> entry : byPattern.entrySet()) {
        String[] texts = entry.getKey().split(String.valueOf(NodeName.NUMBER_SLOT), -1);
        int dimensions = texts.length - 1;
        if (dimensions == 0) {
          appendSeparated(out, entry.getKey());
          continue;
        }
        List<List<TreeSet<NumberToken>>> vectors = foldVectors(entry.getValue(), dimensions);
        vectors.sort(Folder::compareVectors);
        for (List<TreeSet<NumberToken>> vector : vectors) {
          StringBuilder element = new StringBuilder(texts[0]);
          for (int d = 0; d < dimensions; d++) {
            TreeSet<NumberToken> numbers = vector.get(d);
            if (numbers.size() == 1) {
              numbers.first().appendTo(element);
            } else {
              element.append('[').append(RangeSet.fold(numbers)).append(']');
            }
            element.append(texts[d + 1]);
          }
          appendSeparated(out, element);
        }
      }
      return out.toString();
    }

    private static void appendSeparated(StringBuilder out, CharSequence element) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(element);
    }

    private static List<List<TreeSet<NumberToken>>> foldVectors(
        List<NumberToken[]> tuples, int dimensions) {
      List<List<TreeSet<NumberToken>>> vectors = new ArrayList<>();
      if (dimensions == 1) {
        TreeSet<NumberToken> numbers = new TreeSet<>();
        for (NumberToken[] tuple : tuples) {
          numbers.add(tuple[0]);
        }
        List<TreeSet<NumberToken>> vector = new ArrayList<>();
        vector.add(numbers);
        vectors.add(vector);
        return vectors;
      }
      Map<List<NumberToken>, TreeSet<NumberToken>> lastByPrefix = new HashMap<>();
      for (NumberToken[] tuple : tuples) {
        List<NumberToken> prefix = Arrays.asList(Arrays.copyOf(tuple, dimensions - 1));
        lastByPrefix.computeIfAbsent(prefix, k -> new TreeSet<>()).add(tuple[dimensions - 1]);
      }
      Map<TreeSet<NumberToken>, List<NumberToken[]>> prefixesByLast = new LinkedHashMap<>();
      for (Map.Entry<List<NumberToken>, TreeSet<NumberToken>> entry : lastByPrefix.entrySet()) {
        prefixesByLast
            .computeIfAbsent(entry.getValue(), k -> new ArrayList<>())
            .add(entry.getKey().toArray(new NumberToken[0]));
      }
      for (Map.Entry<TreeSet<NumberToken>, List<NumberToken[]>> entry : prefixesByLast.entrySet()) {
        for (List<TreeSet<NumberToken>> vector : foldVectors(entry.getValue(), dimensions - 1)) {
          vector.add(entry.getKey());
          vectors.add(vector);
        }
      }
      return vectors;
    }

    private static int compareVectors(
        List<TreeSet<NumberToken>> left, List<TreeSet<NumberToken>> right) {
      for (int d = 0; d < left.size(); d++) {
        int byFirst = left.get(d).first().compareTo(right.get(d).first());
        if (byFirst != 0) {
          return byFirst;
        }
      }
      return 0;
    }
  }
}
