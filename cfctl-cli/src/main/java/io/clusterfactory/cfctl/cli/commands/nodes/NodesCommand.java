package io.clusterfactory.cfctl.cli.commands.nodes;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(
    name = "nodes",
    description =
        "Compute nodes: nodesets (ClusterShell syntax), the Grendel inventory and the running Grendel.",
    subcommands = {
      NodesExpandCommand.class,
      NodesFoldCommand.class,
      NodesListCommand.class,
      NodesProvisionCommand.class,
      NodesUnprovisionCommand.class,
      NodesPowerCommand.class,
      NodesSyncCommand.class
    })
public final class NodesCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
