package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.cli.VersionProvider;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "version",
    description = "Print cfctl's version and the k0s version the config pins.")
public final class VersionCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    out.println("cfctl " + VersionProvider.version());
    // The pinned k0s version is a convenience: only read a config that exists.
    if (config.given() || Files.exists(Path.of(config.name()))) {
      LoadedConfig loaded = config.load(ValidationMode.OFFLINE);
      String k0s = loaded.cluster().spec().k0s().version();
      out.println(
          "k0s "
              + (k0s == null ? "(not pinned: apply uses the running or latest stable)" : k0s)
              + " ("
              + loaded.source()
              + ")");
    }
    return 0;
  }
}
