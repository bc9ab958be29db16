package io.clusterfactory.cfctl.cli.commands.nodes;

import io.clusterfactory.cfctl.core.provisioning.GrendelNodesAction;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "unprovision",
    customSynopsis = {
      "cfctl nodes unprovision [-c FILE] NODESET",
      "cfctl nodes unprovision FILE NODESET"
    },
    description = {
      "Stop the nodes from netbooting (clear Grendel's provision flag).",
      "The nodes must be in cluster.yaml and on the server.",
      "A lone argument is the NODESET; the config is -c FILE (default ./cluster.yaml).",
      "Example: cfctl nodes unprovision -c cluster.yaml 'cn[001-004]'"
    })
public final class NodesUnprovisionCommand extends LiveNodesCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    NodeSet nodes = requiredNodeset();
    try (GrendelNodesAction action = open()) {
      action.unprovision(nodes);
      spec.commandLine().getOut().println("unprovisioned " + nodes.fold());
    }
    return 0;
  }
}
