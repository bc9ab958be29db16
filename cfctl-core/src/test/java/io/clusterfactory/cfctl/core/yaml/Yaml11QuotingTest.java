package io.clusterfactory.cfctl.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Every string a YAML 1.1 reader would type comes out quoted. The patterns are those of the
 * yaml.org/type pages (bool, int, float, null, timestamp, merge, value), written here from the spec
 * and not from the code, plus the forms go-yaml also types; random strings drawn from each pattern
 * must be written non-plain by both styles and read back by a YAML 1.1 reader (SnakeYAML) as the
 * same string.
 */
class Yaml11QuotingTest {
  private static final long SEED = 20261202L;
  private static final int SAMPLES = 400;

  static Stream<Arguments> resolverPatterns() {
    return Stream.of(
        // yaml.org/type/bool.html
        Arguments.of(
            "bool",
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE"
                + "|on|On|ON|off|Off|OFF"),
        // yaml.org/type/int.html
        Arguments.of("int base 2", "[-+]?0b[0-1_]+"),
        Arguments.of("int base 8", "[-+]?0[0-7_]+"),
        Arguments.of("int base 10", "[-+]?(0|[1-9][0-9_]*)"),
        Arguments.of("int base 16", "[-+]?0x[0-9a-fA-F_]+"),
        Arguments.of("int base 60", "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"),
        // yaml.org/type/float.html
        Arguments.of("float base 10", "[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?"),
        Arguments.of("float base 60", "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"),
        Arguments.of("infinity", "[-+]?\\.(inf|Inf|INF)"),
        Arguments.of("not a number", "\\.(nan|NaN|NAN)"),
        // yaml.org/type/null.html (the empty string is one of them)
        Arguments.of("null", "~|null|Null|NULL|"),
        // yaml.org/type/timestamp.html
        Arguments.of("timestamp ymd", "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"),
        Arguments.of(
            "timestamp",
            "[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \\t]+)[0-9][0-9]?"
                + ":[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?(([ \\t]*)Z|[-+][0-9][0-9]?(:[0-9][0-9])?)?"),
        // yaml.org/type/merge.html and value.html
        Arguments.of("merge", "<<"),
        Arguments.of("value", "="),
        // go-yaml (v2 and v3): Go number prefixes in either case, exponents without a dot,
        // underscores anywhere in the digits, one-digit months and days without a time.
        Arguments.of("go octal", "[-+]?0[oO][0-7_]*[0-7][0-7_]*"),
        Arguments.of("go hex", "[-+]?0[xX][0-9a-fA-F_]*[0-9a-fA-F][0-9a-fA-F_]*"),
        Arguments.of("go binary", "[-+]?0[bB][01_]*[01][01_]*"),
        Arguments.of("go exponent", "[-+]?[0-9][0-9_]*(\\.[0-9_]*)?[eE][-+]?[0-9]+"),
        Arguments.of("go date", "[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolverPatterns")
  @DisplayName("every string a YAML 1.1 resolver types is written quoted, in both styles")
  void quotesTheWholeResolverSet(String name, String regex) {
    Pattern pattern = Pattern.compile(regex);
    Random random = new Random(SEED ^ name.hashCode());
    for (int i = 0; i < SAMPLES; i++) {
      String s = RegexSampler.sample(regex, random);
      assertTrue(pattern.matcher(s).matches(), () -> "sampler drew '" + s + "' for " + regex);
      assertWrittenAsString(s);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0x0000000000000000000000000000000000000001",
        "1_000",
        "1e3",
        "12:30",
        "017",
        "0o17",
        ".inf",
        "-.Inf",
        "yes",
        "Off",
        "~",
        "2001-12-14t21:59:43.10-05:00",
        "8.3.0",
        "<<"
      })
  @DisplayName("the values of the issue come out quoted")
  void knownCases(String s) {
    assertWrittenAsString(s);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "controller",
        "ghcr.io/deepsquare-io/ldap-connector:1.4.0",
        "v1.31.1+k0s.0",
        "10.0.0.0/24",
        "wss://testnet.deepsquare.run/ws",
        "yesterday",
        "0xg1",
        "2001-12-14x"
      })
  @DisplayName("strings no resolver types stay plain")
  void ordinaryStringsStayPlain(String s) {
    for (CanonicalYaml style : List.of(CanonicalYaml.TREE, CanonicalYaml.DIFF)) {
      String out = style.writeOne(Map.of("k", s));
      assertEquals(
          "k: " + s + "\n", out, "style " + (style == CanonicalYaml.TREE ? "TREE" : "DIFF"));
    }
  }

  @Test
  @DisplayName("a tree's keys are quoted by the same rules")
  void keys() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("on", "x");
    o.put("0x1F", "y");
    o.put("name", "z");
    String out = CanonicalYaml.TREE.writeOne(o);
    assertEquals("\"0x1F\": \"y\"\nname: z\n\"on\": x\n", out);
  }

  private static void assertWrittenAsString(String s) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("k", s);
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("k", s);
    ObjectNode key = JsonNodeFactory.instance.objectNode().put(s, "v");
    List<String> outputs = new ArrayList<>();
    outputs.add(CanonicalYaml.TREE.writeOne(node));
    outputs.add(CanonicalYaml.DIFF.writeOne(value));
    for (String out : outputs) {
      ScalarEvent written = scalars(out).get(1);
      assertNotEquals(
          DumperOptions.ScalarStyle.PLAIN, written.getScalarStyle(), () -> "written plain: " + out);
      Map<?, ?> back = new Yaml().load(out);
      assertEquals(s, back.get("k"), () -> "read back from " + out);
    }
    if (!s.isEmpty()) {
      String out = CanonicalYaml.TREE.writeOne(key);
      assertNotEquals(
          DumperOptions.ScalarStyle.PLAIN,
          scalars(out).get(0).getScalarStyle(),
          () -> "key written plain: " + out);
    }
  }

  private static List<ScalarEvent> scalars(String yaml) {
    List<ScalarEvent> out = new ArrayList<>();
    for (Event e : new Yaml().parse(new StringReader(yaml))) {
      if (e instanceof ScalarEvent s) {
        out.add(s);
      }
    }
    return out;
  }
}
