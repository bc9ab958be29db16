package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.render.RenderAction;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "render",
    description = {
      "Write the GitOps tree (app-of-apps and every stack) to a folder; touches nothing else.",
      "The same cluster.yaml renders byte-identical files on every run and machine."
    })
public final class RenderCommand implements Callable<Integer> {
  private static final Logger logger = LoggerFactory.getLogger(RenderCommand.class);

  @Mixin ConfigOption config;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description =
          "Folder to write the tree to (files cfctl wrote there before and no longer"
              + " renders are removed; nothing else is)")
  Path output;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LoadedConfig loaded = config.load(ValidationMode.OFFLINE);
    var err = spec.commandLine().getErr();
    loaded.warnings().forEach(w -> err.println(w.format()));
    RenderedTree tree = RenderAction.render(loaded);
    RenderAction.write(tree, output);
    if (!tree.secrets().isEmpty()) {
      logger.info(
          "{} secrets are listed in {} for sealing (cfctl apply seals them)",
          tree.secrets().size(),
          RenderedTree.SECRETS_INDEX);
    }
    return 0;
  }
}
