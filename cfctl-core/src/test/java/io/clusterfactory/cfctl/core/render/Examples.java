package io.clusterfactory.cfctl.core.render;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The example clusters of the repository, loaded as `cfctl render` loads them. */
final class Examples {
  static final Path ROOT = Path.of("..", "examples");

  private Examples() {}

  static Path file(String example) {
    return ROOT.resolve(example).resolve("cluster.yaml");
  }

  static LoadedConfig load(String example) {
    return load(file(example), Map.of());
  }

  static LoadedConfig load(Path file, Map<String, String> env) {
    return new ConfigLoader(env::get, ValidationMode.OFFLINE).load(file);
  }

  static RenderedTree render(String example) {
    return TreeRenderer.render(load(example));
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
