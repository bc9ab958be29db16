package io.clusterfactory.cfctl.cli.commands.nodes;

import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.pipeline.PhaseContext;
import io.clusterfactory.cfctl.core.provisioning.GrendelNodesAction;
import io.clusterfactory.cfctl.core.provisioning.SyncOutcome;
import io.clusterfactory.cfctl.grendel.config.GrendelDefaults;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sync",
    customSynopsis = {
      "cfctl nodes sync [FILE | -c FILE] [--prune] [--dry-run] [--batch-size N] [-o text|json]"
    },
    description = {
      "Make the running Grendel hold the images and nodes of cluster.yaml.",
      "Plans the difference with what the server has, then sends image changes before node"
          + " changes, in batches.",
      "Objects on the server that cluster.yaml lacks are kept unless --prune is given.",
      "Prints the plan (text, or JSON with -o json) and what was applied.",
      "Example: cfctl nodes sync cluster.yaml --dry-run"
    })
public final class NodesSyncCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(names = "--prune", description = "Also delete nodes and images not in cluster.yaml")
  boolean prune;

  @Option(names = "--dry-run", description = "Print the plan; change nothing")
  boolean dryRun;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Objects per request (default ${DEFAULT-VALUE})")
  int batchSize = GrendelDefaults.SYNC_BATCH_SIZE;

  @Option(
      names = {"-o", "--output"},
      description = "text | json | yaml (default text)",
      defaultValue = "text")
  OutputFormat output;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help")
  boolean help;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    // the command's one context; --dry-run is its guard
    try (GrendelNodesAction action =
        GrendelNodesAction.open(
            config.load(ValidationMode.OFFLINE), System::getenv, new PhaseContext(dryRun))) {
      SyncOutcome outcome = action.sync(prune, batchSize);
      var out = spec.commandLine().getOut();
      out.print(output.structured() ? output.document(outcome.json()) : outcome.text());
      out.flush();
    }
    return 0;
  }
}
