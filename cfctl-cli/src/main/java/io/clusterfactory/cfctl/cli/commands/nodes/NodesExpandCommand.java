package io.clusterfactory.cfctl.cli.commands.nodes;

import io.clusterfactory.cfctl.core.provisioning.NodeSets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "expand",
    description = {"Print every name of a nodeset, one per line.", "Example: cn[001-004],gpu[1-2]"})
public final class NodesExpandCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NODESET", arity = "1..*", description = "Nodesets (joined as a union)")
  List<String> nodesets;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    NodeSets.expand(String.join(",", nodesets)).forEach(out::println);
    return 0;
  }
}
