package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered trees of the examples against the expected files under
 * src/test/resources/render/&lt;example&gt;/. After an intended change, regenerate them with {@code
 * mvn -pl cfctl-core -am test -Dtest=GoldenTreeTest -Dcfctl.updateGolden=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and review the diff.
 */
class GoldenTreeTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "render");
  private static final boolean UPDATE = Boolean.getBoolean("cfctl.updateGolden");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"full", "network-only", "site-owned", "air-gapped"})
  @DisplayName("the example renders exactly the expected tree")
  void matchesGoldenFiles(String example) throws IOException {
    RenderedTree tree = Examples.render(example);
    Path dir = GOLDEN.resolve(example);
    if (UPDATE) {
      TreeWriter.write(tree, dir);
      Files.deleteIfExists(dir.resolve(TreeWriter.OWNED_LIST));
    }
    TreeSet<String> expected = new TreeSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .filter(Files::isRegularFile)
          .forEach(p -> expected.add(dir.relativize(p).toString().replace('\\', '/')));
    }
    assertEquals(expected, new TreeSet<>(tree.files().keySet()), "files of the tree");
    for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
      assertEquals(
          Files.readString(dir.resolve(f.getKey()), StandardCharsets.UTF_8),
          new String(f.getValue(), StandardCharsets.UTF_8),
          f.getKey());
    }
  }

  @Test
  @DisplayName("the same cluster.yaml renders byte-identical trees twice")
  void deterministic() {
    RenderedTree first = Examples.render("full");
    RenderedTree second = Examples.render("full");
    assertEquals(first.files().keySet(), second.files().keySet());
    first
        .files()
        .forEach((path, bytes) -> assertArrayEquals(bytes, second.files().get(path), path));
    List<String> a = first.objects().stream().map(o -> o.path() + o.kind() + o.name()).toList();
    List<String> b = second.objects().stream().map(o -> o.path() + o.kind() + o.name()).toList();
    assertEquals(a, b);
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
