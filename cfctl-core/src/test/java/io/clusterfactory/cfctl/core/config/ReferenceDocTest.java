package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReferenceDocTest {
  static final Path DOC = Path.of("../docs/cluster-yaml-reference.md");

  @Test
  @DisplayName("docs/cluster-yaml-reference.md is what the schema generates (no drift)")
  void referenceMatchesSchema() throws Exception {
    String generated = ReferenceDoc.generate();
    if (Boolean.getBoolean("cfctl.updateGolden")) {
      Files.writeString(DOC, generated);
    }
    assertEquals(
        generated,
        Files.readString(DOC),
        "docs/cluster-yaml-reference.md is stale: rerun with -Dcfctl.updateGolden=true");
  }

  @Test
  void referenceDescribesNestedFields() {
    String doc = ReferenceDoc.generate();
    assertTrue(doc.contains("## `spec.hosts[]`"), doc);
    assertTrue(doc.contains("## `spec.hosts[].ssh`"));
    assertTrue(doc.contains("`controller` \\| `worker` \\| `controller+worker` \\| `single`"));
    assertTrue(doc.contains("| `bastion` | mapping (as `spec.hosts[].ssh`)"), doc);
  }
}
