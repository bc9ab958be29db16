package io.clusterfactory.cfctl.cli.commands.nodes;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(
    name = "nodes",
    description = "Compute nodes: nodesets (ClusterShell syntax) and the Grendel inventory.",
    subcommands = {NodesExpandCommand.class, NodesFoldCommand.class})
public final class NodesCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
