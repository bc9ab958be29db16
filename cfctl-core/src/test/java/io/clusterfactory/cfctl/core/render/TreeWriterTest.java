package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.CfctlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWriterTest {
  private static RenderedTree tree(Map<String, String> files) {
    TreeMap<String, byte[]> bytes = new TreeMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return new RenderedTree(bytes, List.of(), List.of(), new TreeMap<>());
  }

  @Test
  @DisplayName("write removes files it wrote before and no longer renders, and nothing else")
  void removesOnlyOwnedStaleFiles(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    TreeWriter.write(tree(Map.of("apps/a.yaml", "a: 1\n", "apps/old/b.yaml", "b: 1\n")), out);
    Files.writeString(out.resolve("apps/mine.txt"), "kept");
    Files.writeString(dir.resolve("outside.yaml"), "kept");

    TreeWriter.WriteResult r = TreeWriter.write(tree(Map.of("apps/a.yaml", "a: 2\n")), out);

    assertEquals(List.of("apps/a.yaml"), r.written());
    assertEquals(List.of("apps/old/b.yaml"), r.removed());
    assertFalse(Files.exists(out.resolve("apps/old")), "emptied folder removed");
    assertTrue(Files.exists(out.resolve("apps/mine.txt")), "a file cfctl did not write stays");
    assertTrue(Files.exists(dir.resolve("outside.yaml")));
    assertEquals("a: 2\n", Files.readString(out.resolve("apps/a.yaml")));
  }

  @Test
  @DisplayName("an unchanged file is not rewritten")
  void unchangedFilesKept(@TempDir Path dir) {
    TreeWriter.write(tree(Map.of("x.yaml", "x: 1\n")), dir);
    TreeWriter.WriteResult r = TreeWriter.write(tree(Map.of("x.yaml", "x: 1\n")), dir);
    assertEquals(List.of("x.yaml"), r.unchanged());
    assertTrue(r.written().isEmpty());
  }

  @Test
  @DisplayName("a path leaving the output folder is refused")
  void refusesEscapes(@TempDir Path dir) {
    assertThrows(
        CfctlException.class,
        () -> TreeWriter.write(tree(Map.of("../evil.yaml", "x")), dir.resolve("out")));
    assertFalse(Files.exists(dir.resolve("evil.yaml")));
  }

  @Test
  @DisplayName("the full example renders and writes a complete tree")
  void rendersExample(@TempDir Path dir) {
    RenderedTree tree = Examples.render("full");
    TreeWriter.write(tree, dir);
    for (String path : tree.files().keySet()) {
      assertTrue(Files.isRegularFile(dir.resolve(path)), path);
    }
  }
}
