package io.clusterfactory.cfctl.cli.mixins;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The config file: a positional FILE or {@code -c/--config FILE}; {@code -} reads stdin; without
 * either, ./cluster.yaml.
 */
public final class ConfigOption {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "cluster.yaml (default ./cluster.yaml; - reads stdin)")
  String positional;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "cluster.yaml (same as the FILE argument)")
  String option;

  /** The file name as given (or the default). */
  public String name() {
    if (positional != null && option != null && !positional.equals(option)) {
      throw new InvalidInputException(
          "two config files given: " + positional + " and " + option, "give only one");
    }
    return positional != null ? positional : option != null ? option : "cluster.yaml";
  }

  public boolean given() {
    return positional != null || option != null;
  }

  public LoadedConfig load(ValidationMode mode) {
    return load(mode, System.in);
  }

  /** The config file {@code name} (not stdin), read with this process's environment. */
  public static LoadedConfig loadFile(String name, ValidationMode mode) {
    return new ConfigLoader(System::getenv, mode).load(Path.of(name));
  }

  public LoadedConfig load(ValidationMode mode, InputStream stdin) {
    ConfigLoader loader = new ConfigLoader(System::getenv, mode);
    String name = name();
    if (name.equals("-")) {
      try {
        String text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        return loader.load(text, "<stdin>", Path.of("").toAbsolutePath());
      } catch (IOException e) {
        throw new InvalidInputException("cannot read the config from stdin: " + e.getMessage());
      }
    }
    return loader.load(Path.of(name));
  }
}
