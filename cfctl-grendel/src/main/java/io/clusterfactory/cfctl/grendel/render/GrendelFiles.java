package io.clusterfactory.cfctl.grendel.render;

import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.config.BootImageSpec;
import io.clusterfactory.cfctl.grendel.config.GrendelDefaults;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedNode;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelImage;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import io.clusterfactory.cfctl.grendel.model.GrendelNic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure rendering of the inventory into Grendel's import files ({@code hosts.json} for {@code
 * grendel serve --hosts} / {@code host import}, {@code images.json} for {@code --images} / {@code
 * image import}) and the equivalent API objects. Hosts come in nodeset order, images by name.
 */
public final class GrendelFiles {
  private GrendelFiles() {}

  public static String hostsJson(ResolvedInventory inventory) {
    return GrendelJson.pretty(hosts(inventory));
  }

  public static String imagesJson(ResolvedInventory inventory) {
    return GrendelJson.pretty(images(inventory));
  }

  public static List<GrendelHost> hosts(ResolvedInventory inventory) {
    List<GrendelHost> hosts = new ArrayList<>(inventory.nodes().size());
    for (ResolvedNode node : inventory.nodes()) {
      hosts.add(host(node, inventory));
    }
    return hosts;
  }

  public static List<GrendelImage> images(ResolvedInventory inventory) {
    List<GrendelImage> images = new ArrayList<>(inventory.images().size());
    for (BootImageSpec image : inventory.images()) {
      images.add(image(image, inventory.generation()));
    }
    images.sort(Comparator.comparing(GrendelImage::name));
    return images;
  }

  /** The host for one node: its boot NIC, then its BMC when it has a BMC address. */
  public static GrendelHost host(ResolvedNode node, ResolvedInventory inventory) {
    List<GrendelNic> nics = new ArrayList<>(2);
    nics.add(
        new GrendelNic(
            node.mac(),
            node.ip() + "/" + inventory.prefixLength(),
            fqdn(node.name(), inventory.domain()),
            false,
            null,
            null,
            null));
    if (node.bmcIp() != null) {
      nics.add(
          new GrendelNic(
              node.bmcMac(),
              node.bmcIp() + "/" + inventory.bmcPrefixLength(),
              fqdn(node.name() + GrendelDefaults.BMC_NAME_SUFFIX, inventory.domain()),
              true,
              null,
              null,
              null));
    }
    return new GrendelHost(
        node.name(), node.provision(), node.image(), node.firmware(), node.tags(), nics);
  }

  /** The image in the shape the given API generation stores. */
  public static GrendelImage image(BootImageSpec spec, ApiGeneration generation) {
    if (generation == ApiGeneration.LEGACY) {
      return new GrendelImage(
          spec.name(),
          spec.kernel(),
          orEmpty(spec.initrds()),
          spec.liveImage(),
          orBlank(spec.cmdline()),
          Boolean.TRUE.equals(spec.verify()),
          spec.kickstart(),
          null,
          spec.cloudInit(),
          spec.butane());
    }
    Map<String, String> templates = new TreeMap<>();
    if (spec.kickstart() != null) {
      templates.put("kickstart", spec.kickstart());
    }
    if (spec.cloudInit() != null) {
      templates.put("user_data", spec.cloudInit());
    }
    if (spec.butane() != null) {
      templates.put("butane", spec.butane());
    }
    return new GrendelImage(
        spec.name(),
        spec.kernel(),
        orEmpty(spec.initrds()),
        spec.liveImage(),
        orBlank(spec.cmdline()),
        Boolean.TRUE.equals(spec.verify()),
        null,
        templates.isEmpty() ? null : templates,
        null,
        null);
  }

  /** {@code name.domain}, or the bare name when there is no domain. */
  public static String fqdn(String name, String domain) {
    return domain == null || domain.isEmpty() ? name : name + "." + domain;
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  private static String orBlank(String text) {
    return text == null ? "" : text;
  }
}
