package io.clusterfactory.cfctl.cli.commands.nodes;

import io.clusterfactory.cfctl.core.provisioning.GrendelNodesAction;
import io.clusterfactory.cfctl.core.provisioning.NodeListing;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    customSynopsis = {
      "cfctl nodes list [-c FILE] [NODESET] [-o text|json]",
      "cfctl nodes list FILE NODESET [-o text|json]"
    },
    description = {
      "List the nodes the running Grendel holds.",
      "All nodes, or those of NODESET (which may name nodes outside cluster.yaml). Notes on"
          + " stderr name the nodes of cluster.yaml the server lacks and the server's nodes"
          + " cluster.yaml lacks.",
      "A lone argument is the NODESET; the config is -c FILE (default ./cluster.yaml).",
      "Example: cfctl nodes list -c cluster.yaml 'cn[001-004]'"
    })
public final class NodesListCommand extends LiveNodesCommand implements Callable<Integer> {
  @Option(
      names = {"-o", "--output"},
      description = "text | json | yaml (default text)",
      defaultValue = "text")
  OutputFormat output;

  @Override
  public Integer call() {
    NodeSet nodes = nodeset();
    try (GrendelNodesAction action = open()) {
      NodeListing listing = action.list(nodes);
      var out = spec.commandLine().getOut();
      if (output.structured()) {
        out.print(output.document(listing.json()));
      } else {
        out.print(listing.table());
        listing.notes().forEach(spec.commandLine().getErr()::println);
      }
      out.flush();
    }
    return 0;
  }
}
