package io.clusterfactory.cfctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped example renders a tree whose every object passes the offline check: the class of
 * defect of issue 14 (an unquoted {@code 0x...01} read as an integer, a root path Git never holds)
 * is gone from what cfctl writes.
 */
class ExamplesValidTest {
  private static final Map<String, String> ENV =
      Map.of("NODE_ROOT_PASSWORD", "x", "PROVIDER_WALLET_KEY", "y");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of("..", "examples"))) {
      return dirs
          .map(d -> d.resolve("cluster.yaml"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleTreeIsValid(Path example) {
    LoadedConfig config = new ConfigLoader(ENV::get, ValidationMode.OFFLINE).load(example);
    RenderedTree tree = TreeRenderer.render(config);
    List<Target> targets = ObjectValidator.targets(tree, HydratedTree.NONE);
    assertFalse(targets.isEmpty());
    List<Finding> findings =
        new ObjectValidator()
            .validate(targets, ObjectValidator.location(config.cluster().spec().gitops(), tree));
    List<String> errors = findings.stream().filter(Finding::isError).map(Finding::format).toList();
    findings.stream().filter(f -> !f.isError()).forEach(f -> System.out.println(f.format()));
    assertEquals(List.of(), errors);
  }
}
