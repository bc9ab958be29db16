package io.clusterfactory.cfctl.core.provisioning;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.grendel.api.PowerAction;
import io.clusterfactory.cfctl.grendel.api.PowerResult;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Grendel reported for a power action on each node.
 *
 * @param endpoint the Grendel API asked
 * @param action the action sent
 * @param nodes the nodes asked for
 * @param results one per node Grendel answered for
 */
public record PowerOutcome(
    String endpoint, PowerAction action, NodeSet nodes, List<PowerResult> results) {

  /** Nodes whose action failed, or for which Grendel gave no answer. */
  public NodeSet failed() {
    List<String> answered = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (PowerResult result : results) {
      answered.add(result.node().toLowerCase(Locale.ROOT));
      if (!result.succeeded()) {
        failed.add(result.node());
      }
    }
    for (String name : nodes) {
      if (!answered.contains(name.toLowerCase(Locale.ROOT))) {
        failed.add(name);
      }
    }
    return NodeSet.of(failed);
  }

  /** One line per node: {@code name ok|failed message}. */
  public String text() {
    StringBuilder out = new StringBuilder();
    List<PowerResult> sorted = new ArrayList<>(results);
    sorted.sort((a, b) -> NodeSet.NAME_ORDER.compare(a.node(), b.node()));
    for (PowerResult result : sorted) {
      out.append(result.node())
          .append(result.succeeded() ? " ok" : " failed")
          .append(
              result.message() == null || result.message().isEmpty() ? "" : " " + result.message())
          .append('\n');
    }
    return out.toString();
  }

  /** The results as a JSON array of {@code {"node", "succeeded", "message"}}. */
  public String json() {
    return GrendelJson.pretty(results);
  }

  /** Throws when any node failed, after the caller has printed the results. */
  public void requireSuccess() {
    NodeSet failed = failed();
    if (!failed.isEmpty()) {
      throw new OperationFailedException(
          "power "
              + action.name().toLowerCase(Locale.ROOT)
              + " failed on "
              + failed.fold()
              + " ("
              + failed.size()
              + " of "
              + nodes.size()
              + ") through Grendel at "
              + endpoint,
          "check the BMC address and credentials of those nodes; the lines above give Grendel's"
              + " message per node",
          null);
    }
  }
}
