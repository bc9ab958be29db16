package io.clusterfactory.cfctl.grendel.sync;

import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelImage;
import io.clusterfactory.cfctl.grendel.model.GrendelNic;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import io.clusterfactory.cfctl.grendel.render.GrendelFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares the desired inventory with the server by name and plans the difference. Only fields
 * cfctl sets are compared; server-side ids, interface names, VLANs and MTUs it does not manage are
 * ignored, and missing values equal their empty form. Pure and deterministic.
 */
public final class SyncPlanner {
  private SyncPlanner() {}

  public static SyncPlan plan(ResolvedInventory desired, ServerState current, boolean prune) {
    return plan(GrendelFiles.images(desired), GrendelFiles.hosts(desired), current, prune);
  }

  public static SyncPlan plan(
      List<GrendelImage> desiredImages,
      List<GrendelHost> desiredNodes,
      ServerState current,
      boolean prune) {
    Map<String, GrendelImage> serverImages = new HashMap<>();
    for (GrendelImage image : current.images()) {
      serverImages.put(key(image.name()), image);
    }
    List<GrendelImage> imagesToCreate = new ArrayList<>();
    List<SyncPlan.Change<GrendelImage>> imagesToUpdate = new ArrayList<>();
    int imagesUnchanged = 0;
    List<GrendelImage> sortedImages = new ArrayList<>(desiredImages);
    sortedImages.sort(Comparator.comparing(GrendelImage::name));
    for (GrendelImage image : sortedImages) {
      GrendelImage existing = serverImages.remove(key(image.name()));
      if (existing == null) {
        imagesToCreate.add(image);
      } else {
        List<String> fields = imageDifferences(image, existing);
        if (fields.isEmpty()) {
          imagesUnchanged++;
        } else {
          imagesToUpdate.add(new SyncPlan.Change<>(image.name(), image, fields));
        }
      }
    }
    List<String> imagesUnmanaged = new ArrayList<>();
    serverImages.values().forEach(image -> imagesUnmanaged.add(image.name()));
    imagesUnmanaged.sort(Comparator.naturalOrder());

    Map<String, GrendelHost> serverNodes = new HashMap<>(current.nodes().size() * 2);
    for (GrendelHost node : current.nodes()) {
      serverNodes.put(key(node.name()), node);
    }
    List<GrendelHost> nodesToCreate = new ArrayList<>();
    List<SyncPlan.Change<GrendelHost>> nodesToUpdate = new ArrayList<>();
    int nodesUnchanged = 0;
    // desired hosts come in nodeset order from the inventory; sort in case a caller built them
    List<GrendelHost> sortedNodes = sortByNodeset(desiredNodes);
    for (GrendelHost node : sortedNodes) {
      GrendelHost existing = serverNodes.remove(key(node.name()));
      if (existing == null) {
        nodesToCreate.add(node);
      } else {
        List<String> fields = hostDifferences(node, existing);
        if (fields.isEmpty()) {
          nodesUnchanged++;
        } else {
          nodesToUpdate.add(new SyncPlan.Change<>(node.name(), node, fields));
        }
      }
    }
    List<String> unmanagedNames = new ArrayList<>(serverNodes.size());
    serverNodes.values().forEach(node -> unmanagedNames.add(node.name()));
    NodeSet nodesUnmanaged = NodeSet.of(unmanagedNames);

    return new SyncPlan(
        prune,
        List.copyOf(imagesToCreate),
        List.copyOf(imagesToUpdate),
        prune ? List.copyOf(imagesUnmanaged) : List.of(),
        List.copyOf(imagesUnmanaged),
        imagesUnchanged,
        List.copyOf(nodesToCreate),
        List.copyOf(nodesToUpdate),
        prune ? nodesUnmanaged : NodeSet.empty(),
        nodesUnmanaged,
        nodesUnchanged);
  }

  private static List<GrendelHost> sortByNodeset(List<GrendelHost> hosts) {
    Map<String, GrendelHost> byName = new HashMap<>(hosts.size() * 2);
    for (GrendelHost host : hosts) {
      byName.put(host.name(), host);
    }
    List<GrendelHost> sorted = new ArrayList<>(hosts.size());
    for (String name : NodeSet.of(byName.keySet()).names()) {
      sorted.add(byName.get(name));
    }
    return sorted;
  }

  private static String key(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT);
  }

  static List<String> hostDifferences(GrendelHost desired, GrendelHost current) {
    List<String> fields = new ArrayList<>(2);
    if (bool(desired.provision()) != bool(current.provision())) {
      fields.add("provision");
    }
    if (!text(desired.bootImage()).equals(text(current.bootImage()))) {
      fields.add("boot_image");
    }
    if (!text(desired.firmware()).equals(text(current.firmware()))) {
      fields.add("firmware");
    }
    if (!sorted(desired.tags()).equals(sorted(current.tags()))) {
      fields.add("tags");
    }
    if (!nics(desired.interfaces()).equals(nics(current.interfaces()))) {
      fields.add("interfaces");
    }
    return fields;
  }

  static List<String> imageDifferences(GrendelImage desired, GrendelImage current) {
    List<String> fields = new ArrayList<>(2);
    if (!text(desired.kernel()).equals(text(current.kernel()))) {
      fields.add("kernel");
    }
    if (!list(desired.initrd()).equals(list(current.initrd()))) {
      fields.add("initrd");
    }
    if (!text(desired.liveimg()).equals(text(current.liveimg()))) {
      fields.add("liveimg");
    }
    if (!text(desired.cmdline()).equals(text(current.cmdline()))) {
      fields.add("cmdline");
    }
    if (bool(desired.verify()) != bool(current.verify())) {
      fields.add("verify");
    }
    if (!text(desired.provisionTemplate()).equals(text(current.provisionTemplate()))
        || !text(desired.userData()).equals(text(current.userData()))
        || !text(desired.butane()).equals(text(current.butane()))
        || !templates(desired.provisionTemplates())
            .equals(templates(current.provisionTemplates()))) {
      fields.add("templates");
    }
    return fields;
  }

  /** The parts of interfaces cfctl manages, in a stable order. */
  private static List<String> nics(List<GrendelNic> nics) {
    if (nics == null) {
      return List.of();
    }
    List<String> normalised = new ArrayList<>(nics.size());
    for (GrendelNic nic : nics) {
      normalised.add(
          (nic.isBmc() ? "bmc " : "nic ")
              + text(nic.mac()).toLowerCase(Locale.ROOT)
              + " "
              + text(nic.ip())
              + " "
              + text(nic.fqdn()).toLowerCase(Locale.ROOT));
    }
    normalised.sort(Comparator.naturalOrder());
    return normalised;
  }

  private static Map<String, String> templates(Map<String, String> templates) {
    Map<String, String> normalised = new TreeMap<>();
    if (templates != null) {
      templates.forEach(
          (name, file) -> {
            if (file != null && !file.isEmpty()) {
              normalised.put(name, file);
            }
          });
    }
    return normalised;
  }

  private static List<String> sorted(List<String> values) {
    List<String> copy = new ArrayList<>(list(values));
    copy.sort(Comparator.naturalOrder());
    return copy;
  }

  private static List<String> list(List<String> values) {
    return values == null ? List.of() : values;
  }

  private static String text(String value) {
    return Objects.requireNonNullElse(value, "");
  }

  private static boolean bool(Boolean value) {
    return Boolean.TRUE.equals(value);
  }
}
