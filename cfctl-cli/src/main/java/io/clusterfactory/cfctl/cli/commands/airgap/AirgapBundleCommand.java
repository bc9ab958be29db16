package io.clusterfactory.cfctl.cli.commands.airgap;

import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.core.airgap.AirgapBundle;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bundle",
    description = {
      "Write the list of every image cfctl renders (images.txt) and the bundle's manifest.json:",
      "each image upstream and as spec.registries serves it, each chart with its images, and what",
      "is left to bring. Reads no registry; the same cluster.yaml gives the same files."
    })
public final class AirgapBundleCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description = "Folder to write manifest.json and images.txt to (created if missing)")
  Path output;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LoadedConfig loaded = config.load(ValidationMode.OFFLINE);
    var err = spec.commandLine().getErr();
    loaded.warnings().forEach(w -> err.println(w.format()));
    AirgapBundle bundle = AirgapBundle.of(loaded);
    bundle.write(output);
    err.println(
        "Wrote "
            + output.resolve(AirgapBundle.MANIFEST)
            + " ("
            + bundle.images().size()
            + " images, "
            + bundle.charts().size()
            + " charts); left to bring: see its \"left\"");
    return 0;
  }
}
