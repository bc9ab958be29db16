package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * What Argo CD and kubectl read from the tree is what cfctl meant: every file read by a YAML 1.1
 * reader gives back each string of the rendered objects as that same string (issue 14: the contract
 * addresses were written plain and read as the number 1).
 */
class TreeReadsBackTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"full", "network-only"})
  @DisplayName("a YAML 1.1 reader reads every string of the tree as that string")
  void everyStringReadsBack(String example) {
    RenderedTree tree = Examples.render(example);
    int strings = 0;
    for (RenderedObject o : tree.objects()) {
      byte[] bytes = tree.files().get(o.path());
      List<Object> docs = new ArrayList<>();
      new Yaml().loadAll(new String(bytes, StandardCharsets.UTF_8)).forEach(docs::add);
      Object doc =
          docs.stream()
              .filter(d -> d instanceof Map<?, ?> m && matches(m, o))
              .findFirst()
              .orElseThrow(() -> new AssertionError(o.kind() + "/" + o.name() + " in " + o.path()));
      strings += compare(o.body(), doc, o.path() + ":" + o.kind() + "/" + o.name());
    }
    assertTrue(strings > 100, "compared " + strings + " strings");
  }

  @org.junit.jupiter.api.Test
  @DisplayName("the smart-contract addresses are strings in the Deployments")
  void contractAddresses() {
    RenderedTree tree = Examples.render("full");
    String ldap =
        new String(
            tree.files().get("manifests/software/ldap-connector/deployment.yaml"),
            StandardCharsets.UTF_8);
    assertTrue(ldap.contains("value: \"0x0000000000000000000000000000000000000001\"\n"), ldap);
  }

  private static boolean matches(Map<?, ?> doc, RenderedObject o) {
    Object meta = doc.get("metadata");
    return o.kind().equals(doc.get("kind"))
        && meta instanceof Map<?, ?> m
        && o.name().equals(m.get("name"));
  }

  private static int compare(JsonNode expected, Object read, String where) {
    if (expected.isTextual()) {
      assertEquals(expected.textValue(), read, where);
      return 1;
    }
    int n = 0;
    if (expected.isObject()) {
      Map<?, ?> m = (Map<?, ?>) read;
      var it = expected.fields();
      while (it.hasNext()) {
        var e = it.next();
        assertTrue(m.containsKey(e.getKey()), where + ": key " + e.getKey());
        n += compare(e.getValue(), m.get(e.getKey()), where + "." + e.getKey());
      }
    } else if (expected.isArray()) {
      List<?> l = (List<?>) read;
      for (int i = 0; i < expected.size(); i++) {
        n += compare(expected.get(i), l.get(i), where + "[" + i + "]");
      }
    }
    return n;
  }
}
