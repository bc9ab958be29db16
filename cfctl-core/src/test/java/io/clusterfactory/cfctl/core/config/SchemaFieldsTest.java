package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * No field is accepted and then ignored: every leaf field of the JSON Schema ({@code cfctl schema})
 * is classified in src/test/resources/config/schema-fields.tsv, with the file that reads it. A new
 * field fails this test until it is classified; a file that stops calling a field's accessor fails
 * it too.
 *
 * <p>Verdicts: {@code used} (code outside the model, the defaults and the checks reads it), {@code
 * checked} (only a validation reads it), {@code rejected} (a check refuses it with an error),
 * {@code unused} (nothing reads it past the defaults: the fields the lead decides on, kept to an
 * exact list here so none is added silently). The "where" of a used field was found by its accessor
 * name and is one reader, not all of them.
 */
class SchemaFieldsTest {
  private static final Path ROOT = Path.of("..");

  /** Accepted and not acted on (issue 13 emptied it): implement each new one or reject it. */
  private static final Set<String> UNUSED = Set.of();

  record Row(String path, String accessor, String verdict, String where) {}

  static Map<String, Row> table() throws IOException {
    Map<String, Row> rows = new LinkedHashMap<>();
    try (InputStream in = SchemaFieldsTest.class.getResourceAsStream("/config/schema-fields.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        rows.put(f[0], new Row(f[0], f[1], f[2], f[3]));
      }
    }
    return rows;
  }

  @Test
  @DisplayName("every leaf field of the schema is classified, and only those")
  void everyFieldIsClassified() throws IOException {
    Set<String> schema = new TreeSet<>();
    SchemaLeaves.of(ClusterSchema.generate()).forEach(l -> schema.add(l.path()));
    assertTrue(schema.size() > 200, "walked " + schema.size() + " fields");
    assertEquals(schema, new TreeSet<>(table().keySet()));
  }

  @Test
  @DisplayName("each used, checked or rejected field is read where the table says")
  void readersStillReadTheirFields() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Row r : table().values()) {
      if (r.verdict().equals("unused")) {
        continue;
      }
      assertTrue(Set.of("used", "checked", "rejected").contains(r.verdict()), r.toString());
      Path file = ROOT.resolve(r.where());
      Pattern call = Pattern.compile("\\." + Pattern.quote(r.accessor()) + "\\(\\)");
      if (!Files.exists(file) || !call.matcher(Files.readString(file)).find()) {
        wrong.add(r.path() + ": " + r.where() + " does not call ." + r.accessor() + "()");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  @DisplayName("the fields accepted and not acted on are exactly the known list")
  void unusedFieldsAreTheKnownOnes() throws IOException {
    Set<String> unused = new TreeSet<>();
    table().values().stream()
        .filter(r -> r.verdict().equals("unused"))
        .forEach(r -> unused.add(r.path()));
    assertEquals(new TreeSet<>(UNUSED), unused);
  }

  @Test
  @DisplayName("a rejected field is an error when given")
  void rejectedFieldsAreErrors() {
    InvalidConfigException e =
        ConfigLoaderTest.invalid(
            "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata:\n  name: t\n"
                + "spec:\n  hosts:\n    - role: single\n      winRM: {address: 10.0.0.1}\n");
    assertTrue(e.getMessage().contains("spec.hosts[0].winRM"), e.getMessage());
  }
}
