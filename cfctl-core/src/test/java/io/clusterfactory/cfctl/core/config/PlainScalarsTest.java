package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plain scalar that YAML 1.1 types as a number, boolean or null keeps the text the user wrote
 * where the field takes a string; fields that take a number, a boolean or anything keep YAML 1.1's
 * typing, as k0sctl's go-yaml reads them.
 */
class PlainScalarsTest {
  private static final String HEAD =
      "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata:\n  name: t\n";

  record Probe(
      String text,
      Map<String, String> texts,
      List<String> list,
      Integer number,
      Boolean flag,
      Object any) {}

  static Probe bind(String yaml) {
    Problems read = new Problems(null);
    YamlDocument doc = YamlReader.read(yaml, "p.yaml", read).get(0);
    assertTrue(read.all().isEmpty(), read.all().toString());
    Problems problems = new Problems(doc.sourceMap());
    Probe p = StrictBinder.bind(doc.root(), Probe.class, "", problems);
    assertTrue(problems.all().isEmpty(), problems.all().toString());
    return p;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0x0000000000000000000000000000000000000001",
        "0o17",
        "017",
        "08",
        "1e3",
        "1_000",
        "+12",
        "-0b1010",
        "3.10",
        ".inf",
        "-.Inf",
        ".NaN",
        "yes",
        "No",
        "off",
        "ON",
        "y",
        "n",
        "~",
        "null",
        "NULL",
        "true",
        "12:30",
        "190:20:30.15"
      })
  @DisplayName("a string field keeps the text of a typed plain scalar, in a map and a list too")
  void keepsTheText(String plain) {
    Probe p = bind("text: " + plain + "\ntexts: {k: " + plain + "}\nlist: [" + plain + "]\n");
    assertEquals(plain, p.text());
    assertEquals(Map.of("k", plain), p.texts());
    assertEquals(List.of(plain), p.list());
  }

  @Test
  @DisplayName("every text the YAML 1.1 int, float, bool and null patterns match reads back as is")
  void keepsTheTextOfTheWholeResolverSet() {
    List<String> patterns =
        List.of(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
            "[-+]?0b[0-1_]+",
            "[-+]?0[0-7_]+",
            "[-+]?(0|[1-9][0-9_]*)",
            "[-+]?0x[0-9a-fA-F_]+",
            "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+",
            "[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?",
            "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*",
            "[-+]?\\.(inf|Inf|INF)",
            "\\.(nan|NaN|NAN)",
            "~|null|Null|NULL");
    Random random = new Random(7);
    for (String regex : patterns) {
      for (int i = 0; i < 200; i++) {
        String s = io.clusterfactory.cfctl.core.yaml.RegexSampler.sample(regex, random);
        assertTrue(Pattern.matches(regex, s));
        assertEquals(s, bind("text: " + s + "\n").text(), regex);
      }
    }
  }

  @Test
  @DisplayName("an empty value stays absent, not the empty text")
  void emptyStaysNull() {
    Probe p = bind("text:\nlist: [a]\n");
    assertNull(p.text());
  }

  @Test
  @DisplayName("number, boolean and free-form fields are typed as YAML 1.1 types them")
  void typedFields() {
    Probe p = bind("number: 0x1F\nflag: yes\nany: {a: 0o17, b: off, c: 1_000, d: 1e3, e: 12:30}\n");
    assertEquals(31, p.number());
    assertEquals(Boolean.TRUE, p.flag());
    JsonNode any = StrictBinder.mapper().valueToTree(p.any());
    assertEquals(15, any.get("a").intValue());
    assertEquals(false, any.get("b").booleanValue());
    assertEquals(1000, any.get("c").intValue());
    assertEquals(0, new BigDecimal("1000").compareTo(any.get("d").decimalValue()));
    assertEquals(750, any.get("e").intValue());
  }

  @Test
  @DisplayName("cluster.yaml: an unquoted address, user and environment keep their text")
  void inClusterYaml() {
    Host h =
        ConfigLoaderTest.load(
                HEAD
                    + "spec:\n  hosts:\n    - role: single\n"
                    + "      ssh: {address: 10.0.0.1, user: 0x0000000000000000000000000000000000000001}\n"
                    + "      hostname: 017\n"
                    + "      environment: {DEBUG: yes, RETRIES: 1_000}\n")
            .spec()
            .hosts()
            .get(0);
    assertEquals("0x0000000000000000000000000000000000000001", h.ssh().user());
    assertEquals("017", h.hostname());
    assertEquals(Map.of("DEBUG", "yes", "RETRIES", "1_000"), h.environment());
  }
}
