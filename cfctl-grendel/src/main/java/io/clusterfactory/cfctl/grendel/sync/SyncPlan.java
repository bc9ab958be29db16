package io.clusterfactory.cfctl.grendel.sync;

import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelImage;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes that bring a Grendel server to the desired inventory. Applied in this order: images
 * to upsert, nodes to upsert, nodes to delete, images to delete. Deletes are only planned with
 * prune; without it, server objects missing from the inventory are listed as {@code unmanaged}.
 */
public record SyncPlan(
    boolean prune,
    List<GrendelImage> imagesToCreate,
    List<Change<GrendelImage>> imagesToUpdate,
    List<String> imagesToDelete,
    List<String> imagesUnmanaged,
    int imagesUnchanged,
    List<GrendelHost> nodesToCreate,
    List<Change<GrendelHost>> nodesToUpdate,
    NodeSet nodesToDelete,
    NodeSet nodesUnmanaged,
    int nodesUnchanged) {

  /** One object to replace, with the names of the fields that differ. */
  public record Change<T>(String name, T desired, List<String> fields) {}

  /** Counts and names of one kind of object, for JSON output ({@code names} are folded). */
  public record Section(
      int create,
      int update,
      int delete,
      int unchanged,
      int unmanaged,
      String createNames,
      String updateNames,
      String deleteNames,
      String unmanagedNames) {}

  /** A JSON-friendly summary of the plan. */
  public record Report(boolean prune, boolean empty, Section images, Section nodes) {}

  public boolean isEmpty() {
    return imagesToCreate.isEmpty()
        && imagesToUpdate.isEmpty()
        && imagesToDelete.isEmpty()
        && nodesToCreate.isEmpty()
        && nodesToUpdate.isEmpty()
        && nodesToDelete.isEmpty();
  }

  /** Images to create or update, in the order they are sent. */
  public List<GrendelImage> imagesToUpsert() {
    List<GrendelImage> images = new ArrayList<>(imagesToCreate);
    imagesToUpdate.forEach(change -> images.add(change.desired()));
    return images;
  }

  /** Nodes to create or update, in the order they are sent. */
  public List<GrendelHost> nodesToUpsert() {
    List<GrendelHost> nodes = new ArrayList<>(nodesToCreate);
    nodesToUpdate.forEach(change -> nodes.add(change.desired()));
    return nodes;
  }

  public Report report() {
    Section images =
        new Section(
            imagesToCreate.size(),
            imagesToUpdate.size(),
            imagesToDelete.size(),
            imagesUnchanged,
            imagesUnmanaged.size(),
            String.join(",", imagesToCreate.stream().map(GrendelImage::name).toList()),
            String.join(",", imagesToUpdate.stream().map(Change::name).toList()),
            String.join(",", imagesToDelete),
            String.join(",", imagesUnmanaged));
    Section nodes =
        new Section(
            nodesToCreate.size(),
            nodesToUpdate.size(),
            nodesToDelete.size(),
            nodesUnchanged,
            nodesUnmanaged.size(),
            NodeSet.fold(nodesToCreate.stream().map(GrendelHost::name).toList()),
            NodeSet.fold(nodesToUpdate.stream().map(Change::name).toList()),
            nodesToDelete.fold(),
            nodesUnmanaged.fold());
    return new Report(prune, isEmpty(), images, nodes);
  }

  /**
   * The plan as text for {@code --dry-run}: a summary line per kind, then one line per change
   * ({@code +} create, {@code ~} update with the differing fields, {@code -} delete). Node names
   * are folded, and updates with the same fields share a line.
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    Report report = report();
    summary(out, "images", report.images());
    for (GrendelImage image : imagesToCreate) {
      out.append("  + image ").append(image.name()).append('\n');
    }
    for (Change<GrendelImage> change : imagesToUpdate) {
      out.append("  ~ image ")
          .append(change.name())
          .append(" (")
          .append(String.join(", ", change.fields()))
          .append(")\n");
    }
    for (String name : imagesToDelete) {
      out.append("  - image ").append(name).append('\n');
    }
    summary(out, "nodes", report.nodes());
    if (!nodesToCreate.isEmpty()) {
      out.append("  + nodes ").append(report.nodes().createNames()).append('\n');
    }
    Map<List<String>, List<String>> byFields = new LinkedHashMap<>();
    for (Change<GrendelHost> change : nodesToUpdate) {
      byFields.computeIfAbsent(change.fields(), k -> new ArrayList<>()).add(change.name());
    }
    byFields.forEach(
        (fields, names) ->
            out.append("  ~ nodes ")
                .append(NodeSet.fold(names))
                .append(" (")
                .append(String.join(", ", fields))
                .append(")\n"));
    if (!nodesToDelete.isEmpty()) {
      out.append("  - nodes ").append(nodesToDelete.fold()).append('\n');
    }
    if (!prune && (!imagesUnmanaged.isEmpty() || !nodesUnmanaged.isEmpty())) {
      out.append("not in cluster.yaml, kept (use --prune to delete):");
      if (!imagesUnmanaged.isEmpty()) {
        out.append(" images ").append(String.join(",", imagesUnmanaged));
      }
      if (!nodesUnmanaged.isEmpty()) {
        out.append(" nodes ").append(nodesUnmanaged.fold());
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static void summary(StringBuilder out, String kind, Section section) {
    out.append(kind)
        .append(": ")
        .append(section.create())
        .append(" to create, ")
        .append(section.update())
        .append(" to update, ")
        .append(section.delete())
        .append(" to delete, ")
        .append(section.unchanged())
        .append(" unchanged\n");
  }
}
