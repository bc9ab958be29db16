package io.clusterfactory.cfctl.core.provisioning;

import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import io.clusterfactory.cfctl.grendel.model.GrendelNic;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes a Grendel server holds, as {@code cfctl nodes list} shows them.
 *
 * @param endpoint the Grendel API listed
 * @param nodes the server's nodes, as it returned them
 * @param notOnServer inventory nodes (within the asked nodeset) the server does not have
 * @param notInClusterYaml server nodes that cluster.yaml does not describe
 */
public record NodeListing(
    String endpoint, List<GrendelHost> nodes, NodeSet notOnServer, NodeSet notInClusterYaml) {

  private static final List<String> HEADER =
      List.of("NAME", "PROVISION", "IMAGE", "IP", "MAC", "BMC", "TAGS");

  /** A table sorted in nodeset order, one node per line, columns aligned. */
  public String table() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (GrendelHost host : sorted()) {
      GrendelNic boot = nic(host, false);
      GrendelNic bmc = nic(host, true);
      rows.add(
          List.of(
              host.name(),
              Boolean.TRUE.equals(host.provision()) ? "yes" : "no",
              orDash(host.bootImage()),
              boot == null ? "-" : orDash(boot.ip()),
              boot == null ? "-" : orDash(boot.mac()),
              bmc == null ? "-" : orDash(bmc.ip()),
              host.tags() == null || host.tags().isEmpty() ? "-" : String.join(",", host.tags())));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** Notes for stderr about nodes on one side only; empty when server and inventory agree. */
  public List<String> notes() {
    List<String> notes = new ArrayList<>();
    if (!notOnServer.isEmpty()) {
      notes.add(
          "not on the server yet: "
              + notOnServer.fold()
              + " ("
              + notOnServer.size()
              + "; run `cfctl nodes sync`)");
    }
    if (!notInClusterYaml.isEmpty()) {
      notes.add(
          "on the server but not in cluster.yaml: "
              + notInClusterYaml.fold()
              + " (`cfctl nodes sync --prune` deletes them)");
    }
    return notes;
  }

  /** {@code {"endpoint", "nodes": [...], "notOnServer", "notInClusterYaml"}}, indented. */
  public String json() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("endpoint", endpoint);
    out.put("nodes", sorted());
    out.put("notOnServer", notOnServer.fold());
    out.put("notInClusterYaml", notInClusterYaml.fold());
    return GrendelJson.pretty(out);
  }

  private List<GrendelHost> sorted() {
    List<GrendelHost> sorted = new ArrayList<>(nodes);
    sorted.sort((a, b) -> NodeSet.NAME_ORDER.compare(a.name(), b.name()));
    return sorted;
  }

  private static GrendelNic nic(GrendelHost host, boolean bmc) {
    if (host.interfaces() == null) {
      return null;
    }
    return host.interfaces().stream().filter(n -> n.isBmc() == bmc).findFirst().orElse(null);
  }

  private static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }
}
