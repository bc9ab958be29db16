package io.clusterfactory.cfctl.cli.commands.nodes;

import io.clusterfactory.cfctl.core.provisioning.GrendelNodesAction;
import io.clusterfactory.cfctl.core.provisioning.PowerOutcome;
import io.clusterfactory.cfctl.grendel.api.PowerAction;
import io.clusterfactory.cfctl.grendel.api.PowerStatus;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cfctl nodes power on|off|cycle|status}: Redfish through Grendel's BMC endpoints. */
@Command(
    name = "power",
    description = {
      "Power nodes on, off or cycle them, or show their state, through Grendel's BMC endpoints.",
      "Redfish through upstream Grendel v0.2 or later; the legacy API has no BMC endpoints.",
      "The nodes must be in cluster.yaml with a BMC address and bmc credentials."
    },
    subcommands = {
      NodesPowerCommand.On.class,
      NodesPowerCommand.Off.class,
      NodesPowerCommand.Cycle.class,
      NodesPowerCommand.Status.class
    })
public final class NodesPowerCommand implements Runnable {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help")
  boolean help;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** A power action; prints one line (or JSON object) per node, exit 1 when any failed. */
  abstract static class PowerSubcommand extends LiveNodesCommand implements Callable<Integer> {
    @Option(
        names = {"-o", "--output"},
        description = "text | json | yaml (default text)",
        defaultValue = "text")
    OutputFormat output;

    abstract PowerAction action();

    @Override
    public Integer call() {
      NodeSet nodes = requiredNodeset();
      try (GrendelNodesAction grendel = open()) {
        PowerOutcome outcome = grendel.power(action(), nodes);
        var out = spec.commandLine().getOut();
        out.print(output.structured() ? output.document(outcome.json()) : outcome.text());
        out.flush();
        outcome.requireSuccess();
      }
      return 0;
    }
  }

  @Command(
      name = "on",
      customSynopsis = {
        "cfctl nodes power on [-c FILE] NODESET [-o text|json]",
        "cfctl nodes power on FILE NODESET [-o text|json]"
      },
      description = {"Power the nodes on.", "A lone argument is the NODESET (config: -c FILE)."})
  static final class On extends PowerSubcommand {
    @Override
    PowerAction action() {
      return PowerAction.ON;
    }
  }

  @Command(
      name = "off",
      customSynopsis = {
        "cfctl nodes power off [-c FILE] NODESET [-o text|json]",
        "cfctl nodes power off FILE NODESET [-o text|json]"
      },
      description = {
        "Power the nodes off (forced).",
        "A lone argument is the NODESET (config: -c FILE)."
      })
  static final class Off extends PowerSubcommand {
    @Override
    PowerAction action() {
      return PowerAction.OFF;
    }
  }

  @Command(
      name = "cycle",
      customSynopsis = {
        "cfctl nodes power cycle [-c FILE] NODESET [-o text|json]",
        "cfctl nodes power cycle FILE NODESET [-o text|json]"
      },
      description = {"Power-cycle the nodes.", "A lone argument is the NODESET (config: -c FILE)."})
  static final class Cycle extends PowerSubcommand {
    @Override
    PowerAction action() {
      return PowerAction.CYCLE;
    }
  }

  @Command(
      name = "status",
      customSynopsis = {
        "cfctl nodes power status [-c FILE] NODESET [-o text|json]",
        "cfctl nodes power status FILE NODESET [-o text|json]"
      },
      description = {
        "Print each node's power state as its BMC reports it.",
        "A lone argument is the NODESET (config: -c FILE)."
      })
  static final class Status extends LiveNodesCommand implements Callable<Integer> {
    @Option(
        names = {"-o", "--output"},
        description = "text | json | yaml (default text)",
        defaultValue = "text")
    OutputFormat output;

    @Override
    public Integer call() {
      NodeSet nodes = requiredNodeset();
      try (GrendelNodesAction grendel = open()) {
        List<PowerStatus> states = grendel.powerStatus(nodes);
        var out = spec.commandLine().getOut();
        if (output.structured()) {
          out.print(output.document(GrendelJson.pretty(states)));
        } else {
          states.stream()
              .sorted((a, b) -> NodeSet.NAME_ORDER.compare(a.node(), b.node()))
              .forEach(s -> out.println(s.node() + " " + s.state()));
        }
        out.flush();
      }
      return 0;
    }
  }
}
