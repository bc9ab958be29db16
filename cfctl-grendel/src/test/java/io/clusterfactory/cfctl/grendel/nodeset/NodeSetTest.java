package io.clusterfactory.cfctl.grendel.nodeset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeSetTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("ClusterShell cases expand to the listed names and fold to the canonical form")
  @CsvSource(
      delimiter = '|',
      value = {
        "node[1-3]|node1 node2 node3|node[1-3]",
        "cn[001-003]|cn001 cn002 cn003|cn[001-003]",
        "x[098-101]|x098 x099 x100 x101|x[098-101]",
        "x[8-11]|x8 x9 x10 x11|x[8-11]",
        "tigrou[5,9-11]|tigrou5 tigrou9 tigrou10 tigrou11|tigrou[5,9-11]",
        "n[1-9/2]|n1 n3 n5 n7 n9|n[1,3,5,7,9]",
        "n[0-10/5]|n0 n5 n10|n[0,5,10]",
        "da[2-3]c[1-2]|da2c1 da2c2 da3c1 da3c2|da[2-3]c[1-2]",
        "r[1-2]n[01-02]|r1n01 r1n02 r2n01 r2n02|r[1-2]n[01-02]",
        "a[1-2],b3|a1 a2 b3|a[1-2],b3",
        "b3,a[1-3]!a3|a1 a2 b3|a[1-2],b3",
        "cluster115,cluster116,cluster117,cluster130|cluster115 cluster116 cluster117 cluster130|cluster[115-117,130]",
        "cpn-d13-[01-02],cpn-d14-[01-02]|cpn-d13-01 cpn-d13-02 cpn-d14-01 cpn-d14-02|cpn-d[13-14]-[01-02]",
        "a[1-5]!a3|a1 a2 a4 a5|a[1-2,4-5]",
        "a[1-5]&a[3-8]|a3 a4 a5|a[3-5]",
        "a[1-5]^a[3-8]|a1 a2 a6 a7 a8|a[1-2,6-8]",
        "node[3,1,2,2]|node1 node2 node3|node[1-3]",
        "cn[9-10]-ib|cn9-ib cn10-ib|cn[9-10]-ib",
        " cn[1-2] , cn3 |cn1 cn2 cn3|cn[1-3]",
        "login|login|login",
        "n1,n01|n1 n01|n[1,01]",
        "a3b2c0,a2b3c1,a2b4c1,a2b5c1|a2b3c1 a2b4c1 a2b5c1 a3b2c0|a2b[3-5]c1,a3b2c0",
      })
  void clusterShellCases(String nodeset, String names, String folded) {
    NodeSet set = NodeSet.parse(nodeset);
    assertEquals(List.of(names.split(" ")), set.names());
    assertEquals(folded, set.fold());
    assertEquals(folded, NodeSet.fold(List.of(names.split(" "))));
  }

  @Test
  @DisplayName("three dimensions with a step expand to 48 names and fold back")
  void threeDimensionsWithStep() {
    NodeSet set = NodeSet.parse("cpn-k[08-09]-[02-24/2]-[01-02]");
    assertEquals(48, set.size());
    assertEquals("cpn-k08-02-01", set.names().get(0));
    assertEquals("cpn-k09-24-02", set.names().get(47));
    assertEquals("cpn-k[08-09]-[02,04,06,08,10,12,14,16,18,20,22,24]-[01-02]", set.fold());
  }

  @ParameterizedTest(name = "{0} fails at column {1}")
  @DisplayName("malformed nodesets fail with the offending column")
  @CsvSource(
      delimiter = '|',
      value = {
        "node[1-|8|expected the end of the range but the nodeset ends",
        "node[1-3|5|'[' is never closed",
        "node]|5|']' without a matching '['",
        "node[]|6|empty range '[]'",
        "node[3-1]|6|range 3-1 goes backwards",
        "node[a-b]|6|expected a number but found 'a'",
        "node[1-3/0]|10|step must be at least 1",
        "node[01-001]|9|padding of 001 does not match 01",
        "a,,b|3|empty node name before ','",
        "a[1-2],|8|empty node name at the end",
        "a[1[2]]|4|nested '['",
        "@compute|1|node groups (@name) are not supported; list the nodes instead",
      })
  void malformed(String nodeset, int column, String reason) {
    NodeSetSyntaxException error =
        assertThrows(NodeSetSyntaxException.class, () -> NodeSet.parse(nodeset));
    assertEquals(column, error.column(), error.getMessage());
    assertEquals(reason, error.reason());
    assertTrue(error instanceof IllegalArgumentException);
  }

  @Test
  @DisplayName("a huge range is refused instead of exhausting memory")
  void hugeRangeRefused() {
    assertThrows(NodeSetSyntaxException.class, () -> NodeSet.parse("cn[1-100000000]"));
  }

  @Test
  @DisplayName("plain names with syntax characters are refused by of()")
  void plainNamesChecked() {
    NodeSetSyntaxException error =
        assertThrows(NodeSetSyntaxException.class, () -> NodeSet.of("cn1", "cn[2]"));
    assertEquals(3, error.column());
  }

  @Test
  @DisplayName("set operations, contains and split keep nodeset order")
  void setOperations() {
    NodeSet a = NodeSet.parse("cn[1-10]");
    NodeSet b = NodeSet.parse("cn[5-12]");
    assertEquals("cn[1-12]", a.union(b).fold());
    assertEquals("cn[1-4]", a.difference(b).fold());
    assertEquals("cn[5-10]", a.intersection(b).fold());
    assertTrue(a.contains("cn10"));
    assertFalse(a.contains("cn11"));
    assertEquals(
        List.of("cn[1-4]", "cn[5-8]", "cn[9-10]"),
        a.split(4).stream().map(NodeSet::fold).collect(Collectors.toList()));
    assertEquals("", NodeSet.empty().fold());
  }

  @Test
  @DisplayName("10,000 names expand and fold exactly")
  void tenThousand() {
    NodeSet set = NodeSet.parse("cn[00001-10000]");
    assertEquals(10_000, set.size());
    assertEquals("cn[00001-10000]", NodeSet.fold(set.names()));
  }

  @Test
  @DisplayName("property: random nodeset strings expand to their exact names and fold canonically")
  void randomNodesetsRoundTrip() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      List<String> elements = new ArrayList<>();
      TreeSet<String> expected = new TreeSet<>();
      int elementCount = 1 + random.nextInt(3);
      for (int e = 0; e < elementCount; e++) {
        RandomPattern pattern = RandomPattern.generate(random);
        elements.add(pattern.text());
        expected.addAll(pattern.names());
      }
      String nodeset = String.join(",", elements);
      NodeSet set = NodeSet.parse(nodeset);
      assertEquals(expected, new TreeSet<>(set.names()), nodeset);
      String canonical = set.fold();
      assertEquals(canonical, NodeSet.fold(set.names()), nodeset);
      assertEquals(set.names(), NodeSet.expand(canonical), nodeset);
      assertEquals(canonical, NodeSet.parse(canonical).fold(), nodeset);
    }
  }

  @Test
  @DisplayName("property: expand(fold(names)) is the sorted, de-duplicated names")
  void randomNamesRoundTrip() {
    Random random = new Random(7);
    String[] prefixes = {"cn", "gpu", "r", "node-", "x"};
    for (int round = 0; round < 500; round++) {
      List<String> names = new ArrayList<>();
      int count = 1 + random.nextInt(60);
      for (int i = 0; i < count; i++) {
        StringBuilder name = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
        int dimensions = random.nextInt(3);
        for (int d = 0; d < dimensions; d++) {
          int width = 1 + random.nextInt(3);
          name.append(String.format("%0" + width + "d", random.nextInt(30)));
          if (d + 1 < dimensions) {
            name.append(random.nextBoolean() ? "n" : "-");
          }
        }
        names.add(name.toString());
      }
      String folded = NodeSet.fold(names);
      List<String> expanded = NodeSet.expand(folded);
      List<String> sortedUnique = names.stream().distinct().sorted(NodeSet.NAME_ORDER).toList();
      assertEquals(sortedUnique, expanded, folded);
      assertEquals(folded, NodeSet.fold(expanded));
    }
  }

  /** A random pattern with its names computed independently of the parser. */
  private record RandomPattern(String text, List<String> names) {
    static RandomPattern generate(Random random) {
      String[] prefixes = {"cn", "gpu", "r", "node-", "bmc"};
      String text = prefixes[random.nextInt(prefixes.length)];
      List<String> names = new ArrayList<>(List.of(text));
      int dimensions = 1 + random.nextInt(2);
      for (int d = 0; d < dimensions; d++) {
        int width = random.nextBoolean() ? 1 : 2 + random.nextInt(2);
        List<Integer> values = new ArrayList<>();
        List<String> items = new ArrayList<>();
        int itemCount = 1 + random.nextInt(3);
        for (int i = 0; i < itemCount; i++) {
          int lo = random.nextInt(40);
          int hi = lo + random.nextInt(15);
          int step = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
          String format = width > 1 ? "%0" + width + "d" : "%d";
          items.add(
              String.format(format, lo)
                  + "-"
                  + String.format(format, hi)
                  + (step > 1 ? "/" + step : ""));
          for (int v = lo; v <= hi; v += step) {
            values.add(v);
          }
        }
        String format = width > 1 ? "%0" + width + "d" : "%d";
        List<String> next = new ArrayList<>();
        for (String name : names) {
          for (int v : values) {
            next.add(name + String.format(format, v));
          }
        }
        String separator = d + 1 < dimensions ? "n" : "";
        text += "[" + String.join(",", items) + "]" + separator;
        names = next.stream().map(n -> n + separator).collect(Collectors.toList());
      }
      return new RandomPattern(text, names);
    }
  }

  @Test
  @DisplayName("nodeset order is numeric within a pattern")
  void numericOrder() {
    List<String> names =
        IntStream.of(10, 9, 100, 1).mapToObj(i -> "cn" + i).collect(Collectors.toList());
    assertEquals(List.of("cn1", "cn9", "cn10", "cn100"), NodeSet.of(names).names());
  }
}
