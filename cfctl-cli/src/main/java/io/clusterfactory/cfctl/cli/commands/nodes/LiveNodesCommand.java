package io.clusterfactory.cfctl.cli.commands.nodes;

import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.pipeline.PhaseContext;
import io.clusterfactory.cfctl.core.provisioning.GrendelNodesAction;
import io.clusterfactory.cfctl.core.provisioning.NodeSets;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Base of the nodes commands that talk to Grendel and take a NODESET. Arguments are {@code [-c
 * FILE] NODESET} or {@code FILE NODESET}: ConfigOption's optional FILE holds index 0, so a lone
 * argument lands there and is moved to NODESET here. A lone argument is always the NODESET.
 */
abstract class LiveNodesCommand {
  @Mixin ConfigOption config;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "NODESET",
      description = "Nodes, e.g. cn[001-004] (after FILE, or alone with -c FILE)")
  String nodesetAfterFile;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help")
  boolean help;

  @Spec CommandLine.Model.CommandSpec spec;

  /** The NODESET argument, or null when none was given. */
  NodeSet nodeset() {
    String text = nodesetAfterFile;
    if (text == null) {
      ArgSpec file = configFileArgument();
      text = file.getValue();
      if (text != null && Files.isRegularFile(Path.of(text))) {
        throw new InvalidInputException(
            "'" + text + "' is a file, but a lone argument is the NODESET",
            "give the config with -c " + text + ", or as FILE before the NODESET");
      }
      file.setValue(null);
    }
    return text == null ? null : NodeSets.parse(text);
  }

  NodeSet requiredNodeset() {
    NodeSet nodes = nodeset();
    if (nodes == null) {
      throw new InvalidInputException(
          "missing NODESET", "e.g. " + spec.qualifiedName() + " cn[001-004]");
    }
    return nodes;
  }

  /**
   * Call after {@link #nodeset()}, which decides what the positional arguments are. The command's
   * one context: these commands change what they are asked to, so its guard is not a dry run's.
   */
  GrendelNodesAction open() {
    return GrendelNodesAction.open(
        config.load(ValidationMode.OFFLINE), System::getenv, new PhaseContext(false));
  }

  private ArgSpec configFileArgument() {
    return spec.positionalParameters().stream()
        .filter(p -> p.index().min() == 0 && "FILE".equals(p.paramLabel()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("ConfigOption has no FILE argument"));
  }
}
