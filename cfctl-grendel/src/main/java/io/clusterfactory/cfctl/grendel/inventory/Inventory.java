package io.clusterfactory.cfctl.grendel.inventory;

import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.config.BmcCredentialsSpec;
import io.clusterfactory.cfctl.grendel.config.BootImageSpec;
import io.clusterfactory.cfctl.grendel.config.GrendelApiSpec;
import io.clusterfactory.cfctl.grendel.config.GrendelDefaults;
import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import io.clusterfactory.cfctl.grendel.config.NodeGroupSpec;
import io.clusterfactory.cfctl.grendel.config.SlurmNodeSpec;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSetSyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves and validates the {@code provisioning.grendel} block: expands group nodesets, assigns
 * IPs in nodeset order, joins MACs from the CSV inventory, and reports every problem at once.
 */
public final class Inventory {
  private static final Set<String> GO_TEMPLATE_WORDS =
      Set.of(
          "and",
          "call",
          "html",
          "index",
          "slice",
          "js",
          "len",
          "not",
          "or",
          "print",
          "printf",
          "println",
          "urlquery",
          "eq",
          "ge",
          "gt",
          "le",
          "lt",
          "ne",
          "if",
          "else",
          "end",
          "range",
          "with",
          "template",
          "define",
          "block",
          "nil",
          "break",
          "continue",
          "true",
          "false");
  private static final Pattern TEMPLATE_ACTION = Pattern.compile("\\{\\{-?(.*?)-?}}");
  private static final Pattern FUNCTION_CALL =
      Pattern.compile("(?:^|\\||\\()\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern PARTITION_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern QUANTITY =
      Pattern.compile("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?");

  private Inventory() {}

  /** Resolves the inventory, or throws {@link InvalidInventoryException} listing every finding. */
  public static ResolvedInventory resolve(GrendelSpec spec, Path baseDir) {
    return resolve(spec, baseDir, List.of());
  }

  /**
   * Like {@link #resolve(GrendelSpec, Path)}; node and BMC IPs must also stay out of {@code
   * reserved} (CIDRs, {@code a.b.c.d-e.f.g.h} ranges or single addresses, e.g. MetalLB pools).
   */
  public static ResolvedInventory resolve(GrendelSpec spec, Path baseDir, List<String> reserved) {
    Resolution resolution = analyze(spec, baseDir, reserved);
    if (resolution.hasErrors()) {
      throw new InvalidInventoryException(resolution.findings());
    }
    return resolution.inventory();
  }

  /** Every finding (errors and warnings); empty when the block is valid. */
  public static List<Finding> validate(GrendelSpec spec, Path baseDir) {
    return analyze(spec, baseDir, List.of()).findings();
  }

  public static List<Finding> validate(GrendelSpec spec, Path baseDir, List<String> reserved) {
    return analyze(spec, baseDir, reserved).findings();
  }

  /**
   * Resolves and validates in one pass. {@code baseDir} is the folder of cluster.yaml (the CSV path
   * is relative to it). Throws {@link IllegalArgumentException} only when a {@code reserved} entry,
   * which comes from the caller, is not an address range.
   */
  public static Resolution analyze(GrendelSpec spec, Path baseDir, List<String> reserved) {
    List<Ipv4.Range> ranges = new ArrayList<>();
    for (String text : reserved == null ? List.<String>of() : reserved) {
      Ipv4.Range range = Ipv4.range(text);
      if (range == null) {
        throw new IllegalArgumentException(
            "reserved range \"" + text + "\" is not an IPv4 CIDR, range or address");
      }
      ranges.add(range);
    }
    if (spec == null) {
      return new Resolution(
          null,
          List.of(
              Finding.error(
                  "", "the provisioning.grendel block is missing", "see docs/grendel.md")));
    }
    return new Analysis(GrendelDefaults.apply(spec), baseDir, ranges).run();
  }

  /** Who holds an address, for collision messages. */
  private record Owner(String node, String path) {}

  private static final class Analysis {
    private final GrendelSpec spec;
    private final Path baseDir;
    private final List<Ipv4.Range> reserved;
    private final ApiGeneration generation;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Integer> imageIndex = new LinkedHashMap<>();
    private final Map<String, Integer> groupOfNode = new HashMap<>();
    private final Map<Long, Owner> ipOwners = new HashMap<>();
    private Ipv4.Network network;
    private Ipv4.Network bmcNetwork;
    private long grendelAddress = -1;
    private long gateway = -1;
    private Map<String, InventoryCsv.Row> csv = Map.of();
    private String csvName;

    Analysis(GrendelSpec spec, Path baseDir, List<Ipv4.Range> reserved) {
      this.spec = spec;
      this.baseDir = baseDir;
      this.reserved = reserved;
      this.generation = spec.apiGeneration();
    }

    Resolution run() {
      checkServer();
      checkImages();
      readCsv();
      Map<String, ResolvedNode> nodes = new HashMap<>();
      Set<String> partitions = new LinkedHashSet<>();
      for (int i = 0; i < spec.groups().size(); i++) {
        resolveGroup(i, spec.groups().get(i), nodes);
        partitions.addAll(spec.groups().get(i).partitions());
      }
      if (spec.groups().isEmpty()) {
        findings.add(
            Finding.warning(
                "groups", "no node groups: Grendel will serve no nodes", "add groups[].nodes"));
      }
      checkUnlistedCsvNodes();
      String defaultPartition = spec.defaultPartition();
      if (defaultPartition != null && !partitions.contains(defaultPartition)) {
        findings.add(
            Finding.error(
                "defaultPartition",
                "\"" + defaultPartition + "\" is not a partition of any group",
                partitions.isEmpty()
                    ? "add it to groups[].partitions"
                    : "partitions: " + String.join(", ", partitions)));
      }
      if (defaultPartition == null && !partitions.isEmpty()) {
        defaultPartition = partitions.iterator().next();
      }
      if (findings.stream().anyMatch(Finding::isError)) {
        return new Resolution(null, List.copyOf(findings));
      }
      List<ResolvedNode> ordered = new ArrayList<>(nodes.size());
      for (String name : NodeSet.of(nodes.keySet()).names()) {
        ordered.add(nodes.get(name));
      }
      List<BootImageSpec> images = new ArrayList<>(spec.images());
      images.sort((a, b) -> a.name().compareTo(b.name()));
      ResolvedInventory inventory =
          new ResolvedInventory(
              generation,
              network.toString(),
              network.prefixLength(),
              bmcNetwork.toString(),
              bmcNetwork.prefixLength(),
              spec.domain(),
              List.copyOf(images),
              List.copyOf(ordered),
              List.copyOf(partitions),
              defaultPartition);
      return new Resolution(inventory, List.copyOf(findings));
    }

    private void error(String path, String message, String hint) {
      findings.add(Finding.error(path, message, hint));
    }

    private void checkServer() {
      if (blank(spec.nodeName())) {
        error("nodeName", "must be set", "the Kubernetes node that owns the provisioning NIC");
      }
      if (blank(spec.networkInterface())) {
        error("interface", "must be set", "the provisioning NIC of nodeName, e.g. eth1");
      }
      long[] address = null;
      if (blank(spec.address())) {
        error("address", "must be set", "Grendel's IP in CIDR form, e.g. 192.168.0.3/24");
      } else {
        address = Ipv4.addressWithPrefix(spec.address());
        if (address == null) {
          error(
              "address",
              "\"" + spec.address() + "\" is not an IPv4 address in CIDR form",
              "e.g. 192.168.0.3/24");
        } else {
          grendelAddress = address[0];
        }
      }
      if (spec.subnet() != null) {
        network = Ipv4.strictNetwork(spec.subnet());
        if (network == null) {
          error(
              "subnet",
              "\"" + spec.subnet() + "\" is not an IPv4 network in CIDR form",
              "host bits must be zero, e.g. 192.168.0.0/24");
        } else if (grendelAddress >= 0 && !network.contains(grendelAddress)) {
          error(
              "subnet",
              "Grendel's address " + Ipv4.format(grendelAddress) + " is outside " + network,
              "put address inside the subnet or leave subnet unset to derive it");
        }
      } else if (address != null) {
        network = Ipv4.network(address[0], (int) address[1]);
      }
      if (spec.bmcSubnet() != null) {
        bmcNetwork = Ipv4.strictNetwork(spec.bmcSubnet());
        if (bmcNetwork == null) {
          error(
              "bmcSubnet",
              "\"" + spec.bmcSubnet() + "\" is not an IPv4 network in CIDR form",
              "e.g. 192.168.1.0/24");
        }
      } else {
        bmcNetwork = network;
      }
      if (spec.gateway() != null) {
        gateway = Ipv4.address(spec.gateway());
        if (gateway < 0) {
          error("gateway", "\"" + spec.gateway() + "\" is not an IPv4 address", "e.g. 192.168.0.1");
        } else if (network != null && !network.contains(gateway)) {
          error(
              "gateway",
              "gateway " + spec.gateway() + " is outside the provisioning subnet " + network,
              "nodes can only reach a gateway on their own subnet");
        } else if (gateway == grendelAddress) {
          error("gateway", "gateway is Grendel's own address", "use the router's address");
        }
      }
      for (int i = 0; i < spec.dnsServers().size(); i++) {
        if (Ipv4.address(spec.dnsServers().get(i)) < 0) {
          error(
              "dnsServers[" + i + "]",
              "\"" + spec.dnsServers().get(i) + "\" is not an IPv4 address",
              "e.g. 192.168.0.3");
        }
      }
      if (spec.domain() != null && !Names.isValid(spec.domain())) {
        error("domain", "\"" + spec.domain() + "\" is not a DNS domain", "e.g. cluster.local");
      }
      checkApi(spec.api());
      if (!QUANTITY.matcher(spec.storage().size()).matches()) {
        error(
            "storage.size",
            "\"" + spec.storage().size() + "\" is not a Kubernetes quantity",
            "e.g. 20Gi");
      }
    }

    private void checkApi(GrendelApiSpec api) {
      if (api == null) {
        return;
      }
      if (api.url() != null && api.socket() != null) {
        error("api", "set url or socket, not both", "a socket needs no token");
      }
      if (api.url() == null && api.socket() == null) {
        error("api", "set url or socket", "e.g. url: http://192.168.0.3:8080");
      }
      if (api.url() != null
          && !(api.url().startsWith("http://") || api.url().startsWith("https://"))) {
        error(
            "api.url",
            "\"" + api.url() + "\" is not an http:// or https:// URL",
            "e.g. http://192.168.0.3:8080");
      }
      if (generation == ApiGeneration.V0_2 && api.url() != null && blank(api.tokenEnv())) {
        findings.add(
            Finding.warning(
                "api.tokenEnv",
                "upstream Grendel v0.2 requires a bearer token over TCP",
                "name the environment variable holding it, e.g. GRENDEL_TOKEN"));
      }
    }

    private void checkImages() {
      for (int i = 0; i < spec.images().size(); i++) {
        BootImageSpec image = spec.images().get(i);
        String path = "images[" + i + "]";
        if (blank(image.name())) {
          error(path + ".name", "must be set", "groups refer to images by name");
        } else {
          Integer previous = imageIndex.putIfAbsent(image.name(), i);
          if (previous != null) {
            error(
                path + ".name",
                "image \"" + image.name() + "\" is already defined at images[" + previous + "]",
                "image names must be unique");
          }
        }
        if (blank(image.kernel())) {
          error(
              path + ".kernel",
              "must be set",
              "a path on the Grendel server, e.g. /var/lib/grendel/vmlinuz");
        }
        for (int k = 0; k < image.initrds().size(); k++) {
          if (blank(image.initrds().get(k))) {
            error(path + ".initrds[" + k + "]", "must not be empty", "a path on the server");
          }
        }
        if (generation == ApiGeneration.V0_2) {
          checkTemplateFunctions(path + ".cmdline", image.cmdline());
        }
      }
    }

    /** Upstream v0.2 renders cmdline with plain text/template: sprig functions fail at boot. */
    private void checkTemplateFunctions(String path, String cmdline) {
      Set<String> unknown = new LinkedHashSet<>();
      Matcher action = TEMPLATE_ACTION.matcher(cmdline);
      while (action.find()) {
        Matcher call = FUNCTION_CALL.matcher(action.group(1));
        while (call.find()) {
          if (!GO_TEMPLATE_WORDS.contains(call.group(1))) {
            unknown.add(call.group(1));
          }
        }
      }
      if (!unknown.isEmpty()) {
        error(
            path,
            (unknown.size() == 1 ? "uses template function " : "uses template functions ")
                + String.join(", ", unknown)
                + ", which upstream Grendel v0.2 does not have (sprig exists only in the legacy"
                + " fork)",
            "use plain fields such as BOOTIF={{ $.nic.MAC }}, or apiGeneration: legacy");
      }
    }

    private void readCsv() {
      if (spec.inventory() == null) {
        return;
      }
      if (baseDir == null) {
        throw new IllegalArgumentException("baseDir is required when inventory is set");
      }
      csvName = spec.inventory();
      csv = InventoryCsv.read(baseDir.resolve(spec.inventory()), csvName, findings);
    }

    private void resolveGroup(int index, NodeGroupSpec group, Map<String, ResolvedNode> nodes) {
      String path = "groups[" + index + "]";
      NodeSet nodeSet = parseNodes(path, group);
      if (nodeSet == null) {
        return;
      }
      List<String> names = nodeSet.names();
      String image = checkImageReference(path, group);
      checkFirmware(path, group.firmware());
      for (int k = 0; k < group.tags().size(); k++) {
        if (blank(group.tags().get(k))) {
          error(path + ".tags[" + k + "]", "must not be empty", "e.g. compute or rack:a1");
        }
      }
      checkSlurm(path, group.slurm());
      for (int k = 0; k < group.partitions().size(); k++) {
        String partition = group.partitions().get(k);
        if (partition == null || !PARTITION_NAME.matcher(partition).matches()) {
          error(
              path + ".partitions[" + k + "]",
              "\"" + partition + "\" is not a valid partition name",
              "letters, digits, '_', '.' and '-'");
        }
      }

      Set<String> mine = claimNodes(path, index, names);
      long[] ips =
          assign(path, names, group.ipStart(), group.ips(), "ipStart", "ips", network, true);
      long[] bmcIps =
          assign(
              path,
              names,
              group.bmcStart(),
              group.bmcIps(),
              "bmcStart",
              "bmcIps",
              bmcNetwork,
              false);
      boolean powerManaged = group.bmc() != null;
      if (powerManaged) {
        checkBmc(path, group.bmc(), group.bmcStart() != null || group.bmcIps() != null);
      }
      if (ips != null) {
        checkAddresses(path + "." + (group.ipStart() != null ? "ipStart" : "ips"), names, ips);
      }
      if (bmcIps != null) {
        checkAddresses(
            path + "." + (group.bmcStart() != null ? "bmcStart" : "bmcIps"), names, bmcIps);
      }

      List<String> withoutMac = new ArrayList<>();
      List<String> bmcMacWithoutIp = new ArrayList<>();
      for (int k = 0; k < names.size(); k++) {
        String name = names.get(k);
        InventoryCsv.Row row = csv.get(name);
        if (row == null) {
          withoutMac.add(name);
        } else if (row.bmcMac() != null && bmcIps == null) {
          bmcMacWithoutIp.add(name);
        }
        if (!mine.contains(name)) {
          continue;
        }
        nodes.put(
            name,
            new ResolvedNode(
                name,
                index,
                row == null ? null : row.mac(),
                ips == null ? null : Ipv4.format(ips[k]),
                bmcIps == null ? null : Ipv4.format(bmcIps[k]),
                row == null ? null : row.bmcMac(),
                image,
                group.firmware(),
                group.tags(),
                group.provision(),
                powerManaged,
                group.slurm(),
                group.partitions()));
      }
      if (!withoutMac.isEmpty()) {
        if (csvName == null) {
          error(
              "inventory",
              "must be set: "
                  + path
                  + " has "
                  + nodes(withoutMac.size())
                  + " that need a MAC address",
              "a CSV file beside cluster.yaml with lines name,mac[,bmc_mac]");
        } else {
          error(
              path + ".nodes",
              nodes(withoutMac.size())
                  + (withoutMac.size() == 1 ? " has" : " have")
                  + " no MAC in "
                  + csvName
                  + ": "
                  + NodeSet.fold(withoutMac),
              "add name,mac lines to " + csvName);
        }
      }
      if (!bmcMacWithoutIp.isEmpty()) {
        error(
            path,
            nodes(bmcMacWithoutIp.size())
                + (bmcMacWithoutIp.size() == 1 ? " has" : " have")
                + " a BMC MAC in "
                + csvName
                + " but no BMC address: "
                + NodeSet.fold(bmcMacWithoutIp),
            "set bmcStart or bmcIps, or drop the bmc_mac column");
      }
    }

    private NodeSet parseNodes(String path, NodeGroupSpec group) {
      if (blank(group.nodes())) {
        error(path + ".nodes", "must be set", "a nodeset such as cn[001-128]");
        return null;
      }
      NodeSet nodeSet;
      try {
        nodeSet = NodeSet.parse(group.nodes());
      } catch (NodeSetSyntaxException e) {
        error(
            path + ".nodes",
            e.getMessage(),
            "ClusterShell syntax, e.g. cn[001-128] or r[1-2]n[01-04]");
        return null;
      }
      if (nodeSet.isEmpty()) {
        error(path + ".nodes", "selects no nodes", "check the ! and & operators");
        return null;
      }
      List<String> invalid = nodeSet.names().stream().filter(name -> !Names.isValid(name)).toList();
      if (!invalid.isEmpty()) {
        error(
            path + ".nodes",
            (invalid.size() == 1
                    ? "1 name is not a valid host name: "
                    : invalid.size() + " names are not valid host names: ")
                + NodeSet.fold(invalid),
            Names.HINT);
        return null;
      }
      return nodeSet;
    }

    /** Records the group of each node; returns the names this group really owns. */
    private Set<String> claimNodes(String path, int index, List<String> names) {
      Set<String> mine = new LinkedHashSet<>();
      Map<Integer, List<String>> overlaps = new TreeMap<>();
      for (String name : names) {
        Integer owner = groupOfNode.putIfAbsent(name, index);
        if (owner == null) {
          mine.add(name);
        } else {
          overlaps.computeIfAbsent(owner, k -> new ArrayList<>()).add(name);
        }
      }
      overlaps.forEach(
          (owner, shared) ->
              error(
                  path + ".nodes",
                  nodes(shared.size())
                      + (shared.size() == 1 ? " is" : " are")
                      + " also in groups["
                      + owner
                      + "]: "
                      + NodeSet.fold(shared),
                  "every node belongs to exactly one group"));
      return mine;
    }

    private String checkImageReference(String path, NodeGroupSpec group) {
      if (blank(group.image())) {
        error(path + ".image", "must be set", imageHint());
        return null;
      }
      if (!imageIndex.containsKey(group.image())) {
        error(path + ".image", "unknown image \"" + group.image() + "\"", imageHint());
      }
      return group.image();
    }

    private String imageHint() {
      return imageIndex.isEmpty()
          ? "define it under images[]"
          : "defined images: " + String.join(", ", imageIndex.keySet());
    }

    private void checkFirmware(String path, String firmware) {
      if (firmware == null || generation.firmwares().contains(firmware)) {
        return;
      }
      error(
          path + ".firmware",
          "\"" + firmware + "\" is not a firmware Grendel API " + generation.id() + " accepts",
          "accepted: " + String.join(", ", generation.firmwares()));
    }

    private void checkSlurm(String path, SlurmNodeSpec slurm) {
      if (slurm == null) {
        return;
      }
      positive(path + ".slurm.cpus", slurm.cpus());
      positive(path + ".slurm.sockets", slurm.sockets());
      positive(path + ".slurm.coresPerSocket", slurm.coresPerSocket());
      positive(path + ".slurm.threadsPerCore", slurm.threadsPerCore());
      if (slurm.realMemory() != null && slurm.realMemory() < 1) {
        error(path + ".slurm.realMemory", "must be at least 1", "megabytes of RAM per node");
      }
      if (slurm.cpus() != null
          && slurm.sockets() != null
          && slurm.coresPerSocket() != null
          && slurm.threadsPerCore() != null
          && slurm.cpus() != slurm.sockets() * slurm.coresPerSocket() * slurm.threadsPerCore()) {
        findings.add(
            Finding.warning(
                path + ".slurm.cpus",
                "cpus "
                    + slurm.cpus()
                    + " differs from sockets x coresPerSocket x threadsPerCore = "
                    + slurm.sockets() * slurm.coresPerSocket() * slurm.threadsPerCore(),
                "slurmd reports the hardware it finds; a mismatch drains the node"));
      }
      checkWords(path + ".slurm.gres", slurm.gres());
      checkWords(path + ".slurm.features", slurm.features());
    }

    private void checkWords(String path, List<String> words) {
      for (int k = 0; k < words.size(); k++) {
        String word = words.get(k);
        if (blank(word) || word.contains(",") || word.chars().anyMatch(Character::isWhitespace)) {
          error(
              path + "[" + k + "]",
              "\"" + word + "\" must be one word without commas",
              "one list item per value");
        }
      }
    }

    private void positive(String path, Integer value) {
      if (value != null && value < 1) {
        error(path, "must be at least 1", "leave it unset to let slurmd detect it");
      }
    }

    private void checkBmc(String path, BmcCredentialsSpec bmc, boolean hasAddressRule) {
      if (!hasAddressRule) {
        error(
            path + ".bmc",
            "power management needs a BMC address for every node",
            "set bmcStart or bmcIps");
      }
      if (blank(bmc.userEnv())) {
        error(path + ".bmc.userEnv", "must be set", "e.g. BMC_USER");
      }
      if (blank(bmc.passwordEnv())) {
        error(path + ".bmc.passwordEnv", "must be set", "e.g. BMC_PASSWORD");
      }
      if (!generation.hasPowerApi()) {
        findings.add(
            Finding.warning(
                path + ".bmc",
                "power actions need Grendel API v0.2; the legacy API has no BMC endpoints",
                "set apiGeneration: v0.2 or power these nodes with another tool"));
      }
    }

    /**
     * Addresses of {@code names} in order from a start address or a per-node map; null when neither
     * is set or they are invalid (findings already added).
     */
    private long[] assign(
        String path,
        List<String> names,
        String start,
        Map<String, String> byNode,
        String startField,
        String mapField,
        Ipv4.Network subnet,
        boolean required) {
      if (start != null && byNode != null) {
        error(path, "set " + startField + " or " + mapField + ", not both", null);
        return null;
      }
      if (start == null && byNode == null) {
        if (required) {
          error(
              path,
              "set " + startField + " or " + mapField,
              "e.g. " + startField + ": 192.168.0.11");
        }
        return null;
      }
      return start != null
          ? assignFromStart(path + "." + startField, names, start, subnet)
          : assignFromMap(path + "." + mapField, names, byNode, subnet);
    }

    private long[] assignFromStart(
        String path, List<String> names, String start, Ipv4.Network subnet) {
      long first = Ipv4.address(start);
      if (first < 0) {
        error(path, "\"" + start + "\" is not an IPv4 address", "e.g. 192.168.0.11");
        return null;
      }
      if (subnet == null) {
        return null; // the subnet finding already explains why nothing can be checked
      }
      if (first < subnet.firstUsable() || first > subnet.lastUsable()) {
        error(
            path,
            start + " is outside the usable addresses of " + subnet + usableRange(subnet),
            "pick a start address inside the subnet");
        return null;
      }
      long available = subnet.lastUsable() - first + 1;
      if (names.size() > available) {
        error(
            path,
            names.size()
                + " addresses needed from "
                + start
                + " but "
                + subnet
                + " ends at "
                + Ipv4.format(subnet.lastUsable())
                + " ("
                + available
                + " available)",
            "move the start down, widen the subnet or split the group");
        return null;
      }
      long[] ips = new long[names.size()];
      for (int k = 0; k < ips.length; k++) {
        ips[k] = first + k;
      }
      return ips;
    }

    private long[] assignFromMap(
        String path, List<String> names, Map<String, String> byNode, Ipv4.Network subnet) {
      Set<String> known = new LinkedHashSet<>(names);
      List<String> unknown =
          byNode.keySet().stream().filter(n -> !known.contains(n)).sorted().toList();
      if (!unknown.isEmpty()) {
        error(
            path,
            (unknown.size() == 1 ? "names a node" : "names nodes")
                + " outside the group: "
                + String.join(", ", unknown),
            "keys must be names from the group's nodes");
      }
      List<String> missing = names.stream().filter(n -> !byNode.containsKey(n)).toList();
      if (!missing.isEmpty()) {
        error(
            path,
            nodes(missing.size())
                + (missing.size() == 1 ? " has" : " have")
                + " no address: "
                + NodeSet.fold(missing),
            "give every node of the group an address, or use a start address");
      }
      boolean valid = unknown.isEmpty() && missing.isEmpty();
      long[] ips = new long[names.size()];
      for (int k = 0; k < names.size(); k++) {
        String text = byNode.get(names.get(k));
        if (text == null) {
          continue;
        }
        long ip = Ipv4.address(text);
        String entry = path + "." + names.get(k);
        if (ip < 0) {
          error(entry, "\"" + text + "\" is not an IPv4 address", "e.g. 192.168.0.11");
          valid = false;
        } else if (subnet != null && (ip < subnet.firstUsable() || ip > subnet.lastUsable())) {
          error(
              entry,
              text + " is outside the usable addresses of " + subnet + usableRange(subnet),
              "use an address inside the subnet");
          valid = false;
        }
        ips[k] = ip;
      }
      return valid ? ips : null;
    }

    private static String usableRange(Ipv4.Network subnet) {
      return " ("
          + Ipv4.format(subnet.firstUsable())
          + "-"
          + Ipv4.format(subnet.lastUsable())
          + ")";
    }

    /** Collisions with Grendel, the gateway, reserved ranges and other nodes, summarised. */
    private void checkAddresses(String path, List<String> names, long[] ips) {
      Map<String, List<String>> clashes = new LinkedHashMap<>();
      Map<Ipv4.Range, List<String>> inReserved = new LinkedHashMap<>();
      for (int k = 0; k < names.size(); k++) {
        String name = names.get(k);
        long ip = ips[k];
        if (ip == grendelAddress) {
          error(
              path,
              name + " gets " + Ipv4.format(ip) + ", which is Grendel's own address",
              "move the range so it skips " + Ipv4.format(ip));
        } else if (ip == gateway) {
          error(
              path,
              name + " gets " + Ipv4.format(ip) + ", which is the gateway",
              "move the range so it skips " + Ipv4.format(ip));
        }
        for (Ipv4.Range range : reserved) {
          if (range.contains(ip)) {
            inReserved.computeIfAbsent(range, r -> new ArrayList<>()).add(name);
          }
        }
        Owner owner = ipOwners.putIfAbsent(ip, new Owner(name, path));
        if (owner != null) {
          clashes
              .computeIfAbsent(owner.path(), p -> new ArrayList<>())
              .add(name + "=" + Ipv4.format(ip) + " (also " + owner.node() + ")");
        }
      }
      inReserved.forEach(
          (range, affected) ->
              error(
                  path,
                  affected.size()
                      + " address(es) fall in reserved range "
                      + range.text()
                      + ": "
                      + NodeSet.fold(affected),
                  "reserved ranges (e.g. MetalLB pools) belong to other services; move the range"));
      clashes.forEach(
          (otherPath, pairs) ->
              error(
                  path,
                  pairs.size()
                      + " address(es) already used by "
                      + otherPath
                      + ", first: "
                      + pairs.get(0),
                  "node and BMC addresses must be unique"));
    }

    private void checkUnlistedCsvNodes() {
      List<InventoryCsv.Row> unlisted =
          csv.values().stream().filter(row -> !groupOfNode.containsKey(row.name())).toList();
      if (unlisted.isEmpty()) {
        return;
      }
      findings.add(
          Finding.warning(
              "inventory",
              csvName
                  + ":"
                  + unlisted.get(0).line()
                  + ": "
                  + nodes(unlisted.size())
                  + (unlisted.size() == 1 ? " is" : " are")
                  + " listed but in no group: "
                  + NodeSet.fold(
                      unlisted.stream().map(InventoryCsv.Row::name).collect(Collectors.toList())),
              "add them to a group's nodes or remove their lines"));
    }

    private static boolean blank(String text) {
      return text == null || text.isBlank();
    }
  }

  /** "1 node", "3 nodes". */
  private static String nodes(int n) {
    return n + (n == 1 ? " node" : " nodes");
  }
}
