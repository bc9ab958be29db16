package io.clusterfactory.cfctl.cli.commands.nodes;

import io.clusterfactory.cfctl.core.provisioning.GrendelNodesAction;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "provision",
    customSynopsis = {
      "cfctl nodes provision [-c FILE] NODESET",
      "cfctl nodes provision FILE NODESET"
    },
    description = {
      "Let the nodes netboot (Grendel's provision flag).",
      "They boot the image of their group from Grendel at their next boot.",
      "The nodes must be in cluster.yaml and on the server (cfctl nodes sync creates them).",
      "A lone argument is the NODESET; the config is -c FILE (default ./cluster.yaml).",
      "Example: cfctl nodes provision -c cluster.yaml 'cn[001-004]'"
    })
public final class NodesProvisionCommand extends LiveNodesCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    NodeSet nodes = requiredNodeset();
    try (GrendelNodesAction action = open()) {
      action.provision(nodes);
      spec.commandLine().getOut().println("provisioned " + nodes.fold());
    }
    return 0;
  }
}
