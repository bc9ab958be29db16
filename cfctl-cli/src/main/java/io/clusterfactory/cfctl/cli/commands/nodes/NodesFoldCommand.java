package io.clusterfactory.cfctl.cli.commands.nodes;

import io.clusterfactory.cfctl.core.provisioning.NodeSets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "fold",
    description = {
      "Fold node names into the shortest nodeset.",
      "Names come from the arguments, or from stdin (one per line or space separated)."
    })
public final class NodesFoldCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Node names or nodesets")
  List<String> names = new ArrayList<>();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<String> input = new ArrayList<>(names);
    if (input.isEmpty()) {
      String text = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      for (String s : text.split("\\s+")) {
        if (!s.isBlank()) {
          input.add(s);
        }
      }
    }
    spec.commandLine().getOut().println(NodeSets.fold(input));
    return 0;
  }
}
