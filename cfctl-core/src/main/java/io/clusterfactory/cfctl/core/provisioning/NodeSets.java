package io.clusterfactory.cfctl.core.provisioning;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSetSyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Nodesets for the command line: grendel's NodeSet with errors typed as invalid input. */
public final class NodeSets {
  private NodeSets() {}

  public static List<String> expand(String nodeset) {
    return parse(nodeset).names();
  }

  /** Folds names, each of which may itself be a nodeset. */
  public static String fold(Collection<String> namesOrSets) {
    List<String> all = new ArrayList<>();
    for (String s : namesOrSets) {
      all.addAll(parse(s).names());
    }
    return NodeSet.fold(all);
  }

  public static NodeSet parse(String nodeset) {
    try {
      return NodeSet.parse(nodeset);
    } catch (NodeSetSyntaxException e) {
      throw new InvalidInputException(
          "invalid nodeset '" + e.nodeset() + "' at column " + e.column() + ": " + e.reason(),
          "write ranges like cn[001-128], r[1-2]n[01-04], x[1-9/2] or a,b[1-3]");
    }
  }
}
