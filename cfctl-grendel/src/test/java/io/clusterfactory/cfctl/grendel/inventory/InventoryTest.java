package io.clusterfactory.cfctl.grendel.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.grendel.Fixtures;
import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.config.BootImageSpec;
import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import io.clusterfactory.cfctl.grendel.config.NodeGroupSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTest {

  @Test
  @DisplayName("the small fixture resolves nodes in nodeset order with IPs, MACs and BMCs")
  void resolvesSmallFixture() {
    Resolution resolution =
        Inventory.analyze(Fixtures.small(ApiGeneration.LEGACY), Fixtures.dir(), List.of());
    assertFalse(resolution.hasErrors(), resolution.findings().toString());
    // power management is declared but the legacy API cannot power nodes
    assertEquals(
        List.of("groups[0].bmc"),
        resolution.findings().stream().map(Finding::path).collect(Collectors.toList()));
    ResolvedInventory inventory = resolution.inventory();
    assertEquals(
        List.of("cn001", "cn002", "cn003", "cn004", "gpu1", "gpu2", "io01", "io02"),
        inventory.nodes().stream().map(ResolvedNode::name).toList());
    ResolvedNode cn001 = inventory.node("cn001").orElseThrow();
    assertEquals("192.168.0.11", cn001.ip());
    assertEquals("aa:bb:cc:00:00:01", cn001.mac());
    assertEquals("192.168.0.111", cn001.bmcIp());
    assertEquals("aa:bb:cc:10:00:01", cn001.bmcMac());
    assertTrue(cn001.powerManaged());
    ResolvedNode cn004 = inventory.node("cn004").orElseThrow();
    assertEquals("192.168.0.14", cn004.ip());
    assertEquals("192.168.0.114", cn004.bmcIp());
    assertNull(cn004.bmcMac());
    assertEquals("aa:bb:cc:00:00:02", inventory.node("cn002").orElseThrow().mac());
    assertEquals("192.168.0.52", inventory.node("gpu2").orElseThrow().ip());
    assertFalse(inventory.node("io01").orElseThrow().provision());
    assertEquals("192.168.0.0/24", inventory.subnet());
    assertEquals(List.of("batch", "gpu"), inventory.partitions());
    assertEquals(List.of("rocky-9-install", "squareos-9.2"), names(inventory.images()));
  }

  @Test
  @DisplayName("every problem is reported at once with its path")
  void reportsAllFindingsAtOnce(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("nodes.csv"),
        String.join(
            "\n",
            "cn01,aa:bb:cc:00:00:01",
            "cn02,aa:bb:cc:00:00:01",
            "cn03,not-a-mac",
            "cn03,aa:bb:cc:00:00:03",
            "cn04,aa:bb:cc:00:00:04",
            "orphan,aa:bb:cc:00:00:99",
            "x1,aa:bb:cc:00:00:05,extra,field",
            ""));
    GrendelSpec spec =
        new GrendelSpec(
            null,
            "eth1",
            "10.0.0.3/24",
            null,
            null,
            "10.0.0.1",
            List.of("nope"),
            null,
            ApiGeneration.V0_2,
            null,
            null,
            List.of(
                image("live", "BOOTIF=01-{{ $.nic.MAC | toString | replace \":\" \"-\" }}"),
                image("live", "")),
            List.of(
                group("cn[01-04]", "live", "10.0.0.1", null),
                group("cn[04-05]", "missing", "10.0.0.250", "ipxe-arm64.efi"),
                group("big[001-300]", "live", "10.0.0.10", null),
                group("cn[1-", "live", "10.0.0.40", null)),
            "nodes.csv",
            "nonexistent");
    List<Finding> findings = Inventory.validate(spec, dir, List.of("10.0.0.2-10.0.0.3"));
    Map<String, List<String>> byPath =
        findings.stream()
            .collect(
                Collectors.groupingBy(
                    Finding::path, Collectors.mapping(Finding::message, Collectors.toList())));
    assertTrue(has(byPath, "nodeName", "must be set"));
    assertTrue(has(byPath, "dnsServers[0]", "\"nope\" is not an IPv4 address"));
    assertTrue(has(byPath, "images[0].cmdline", "toString, replace"));
    assertTrue(has(byPath, "images[1].name", "already defined at images[0]"));
    assertTrue(
        has(
            byPath,
            "inventory",
            "nodes.csv:2: MAC aa:bb:cc:00:00:01 is already used by cn01 on line 1"));
    assertTrue(has(byPath, "inventory", "nodes.csv:3: \"not-a-mac\" is not a MAC address"));
    assertTrue(
        has(byPath, "inventory", "nodes.csv:7: expected name,mac[,bmc_mac] but found 4 fields"));
    assertTrue(has(byPath, "groups[0].ipStart", "cn01 gets 10.0.0.1, which is the gateway"));
    assertTrue(
        has(byPath, "groups[0].ipStart", "cn03 gets 10.0.0.3, which is Grendel's own address"));
    assertTrue(
        has(
            byPath,
            "groups[0].ipStart",
            "2 address(es) fall in reserved range 10.0.0.2-10.0.0.3: cn[02-03]"));
    assertTrue(has(byPath, "groups[0].nodes", "1 node has no MAC in nodes.csv: cn02"));
    assertTrue(has(byPath, "groups[1].nodes", "1 node is also in groups[0]: cn04"));
    assertTrue(has(byPath, "groups[1].image", "unknown image \"missing\""));
    assertTrue(
        has(
            byPath,
            "groups[1].firmware",
            "\"ipxe-arm64.efi\" is not a firmware Grendel API v0.2 accepts"));
    assertFalse(
        byPath.containsKey("groups[1].ipStart"), "a group that fits gets no address finding");
    assertTrue(
        has(
            byPath,
            "groups[2].ipStart",
            "300 addresses needed from 10.0.0.10 but 10.0.0.0/24 ends at 10.0.0.254 (245 available)"));
    assertTrue(has(byPath, "groups[3].nodes", "at column 6"));
    assertTrue(has(byPath, "defaultPartition", "\"nonexistent\" is not a partition of any group"));
    Finding orphan =
        findings.stream().filter(f -> f.message().contains("orphan")).findFirst().orElseThrow();
    assertEquals(Finding.Severity.WARNING, orphan.severity());
    assertEquals("nodes.csv:6: 1 node is listed but in no group: orphan", orphan.message());
    InvalidInventoryException thrown =
        assertThrows(InvalidInventoryException.class, () -> Inventory.resolve(spec, dir));
    assertTrue(thrown.findings().size() >= 15);
  }

  @Test
  @DisplayName("IP collisions between groups and out-of-subnet per-node IPs are errors")
  void collisionsAndPerNodeIps(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("nodes.csv"),
        "a1,02:00:00:00:00:01\na2,02:00:00:00:00:02\nb1,02:00:00:00:00:03\n");
    GrendelSpec spec =
        spec(
            List.of(
                group("a[1-2]", "live", "10.0.0.10", null),
                new NodeGroupSpec(
                    null,
                    "b1",
                    "live",
                    null,
                    null,
                    null,
                    Map.of("b1", "10.0.0.11"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)));
    List<Finding> findings = Inventory.validate(spec, dir);
    assertEquals(1, findings.size(), findings.toString());
    assertEquals("groups[1].ips", findings.get(0).path());
    assertEquals(
        "1 address(es) already used by groups[0].ipStart, first: b1=10.0.0.11 (also a2)",
        findings.get(0).message());

    GrendelSpec outside =
        spec(
            List.of(
                group("a[1-2]", "live", "10.0.0.10", null),
                new NodeGroupSpec(
                    null,
                    "b1",
                    "live",
                    null,
                    null,
                    null,
                    Map.of("b1", "10.0.1.5"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)));
    Finding finding = Inventory.validate(outside, dir).get(0);
    assertEquals("groups[1].ips.b1", finding.path());
    assertTrue(finding.message().startsWith("10.0.1.5 is outside the usable addresses"));
  }

  @Test
  @DisplayName("firmware names follow the API generation")
  void firmwarePerGeneration(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("nodes.csv"), "a1,02:00:00:00:00:01\n");
    GrendelSpec legacyArm = spec(List.of(group("a1", "live", "10.0.0.10", "ipxe-arm64.efi")));
    assertEquals(List.of(), Inventory.validate(legacyArm, dir));
    GrendelSpec v02Arm =
        Fixtures.withGeneration(
            spec(List.of(group("a1", "live", "10.0.0.10", "snponly-arm64.efi"))),
            ApiGeneration.V0_2);
    assertEquals(List.of(), Inventory.validate(v02Arm, dir));
    GrendelSpec legacyWrong = spec(List.of(group("a1", "live", "10.0.0.10", "snponly-arm64.efi")));
    assertEquals("groups[0].firmware", Inventory.validate(legacyWrong, dir).get(0).path());
  }

  @Test
  @DisplayName("a group with BMC credentials but no BMC addresses is an error")
  void powerNeedsBmc(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("nodes.csv"), "a1,02:00:00:00:00:01\n");
    GrendelSpec spec =
        Fixtures.withGeneration(
            spec(
                List.of(
                    new NodeGroupSpec(
                        null,
                        "a1",
                        "live",
                        null,
                        null,
                        "10.0.0.10",
                        null,
                        null,
                        null,
                        new io.clusterfactory.cfctl.grendel.config.BmcCredentialsSpec(
                            "BMC_USER", "BMC_PASSWORD"),
                        null,
                        null,
                        null))),
            ApiGeneration.V0_2);
    List<Finding> findings = Inventory.validate(spec, dir);
    assertEquals(1, findings.size(), findings.toString());
    assertEquals("groups[0].bmc", findings.get(0).path());
  }

  @Test
  @DisplayName("10,000 nodes validate and resolve with sequential IPs")
  void tenThousandNodes(@TempDir Path dir) throws IOException {
    Fixtures.writeBigCsv(dir, 10_000);
    ResolvedInventory inventory =
        Inventory.resolve(Fixtures.bigSpec(10_000, ApiGeneration.V0_2), dir);
    assertEquals(10_000, inventory.nodes().size());
    assertEquals("10.100.1.1", inventory.nodes().get(0).ip());
    assertEquals("10.100.40.16", inventory.nodes().get(9_999).ip());
    assertEquals("cn[00001-10000]", inventory.nodeSet().fold());
    assertEquals("10.100.2.0", inventory.nodesByName().get("cn00256").ip());
  }

  private static boolean has(Map<String, List<String>> byPath, String path, String text) {
    return byPath.getOrDefault(path, List.of()).stream().anyMatch(m -> m.contains(text));
  }

  private static GrendelSpec spec(List<NodeGroupSpec> groups) {
    return new GrendelSpec(
        "mgmt0",
        "eth1",
        "10.0.0.3/24",
        null,
        null,
        "10.0.0.1",
        null,
        null,
        null,
        null,
        null,
        List.of(image("live", "")),
        groups,
        "nodes.csv",
        null);
  }

  private static BootImageSpec image(String name, String cmdline) {
    return new BootImageSpec(name, "/k", null, null, cmdline, null, null, null, null);
  }

  private static NodeGroupSpec group(String nodes, String image, String ipStart, String firmware) {
    return new NodeGroupSpec(
        null, nodes, image, firmware, null, ipStart, null, null, null, null, null, null, null);
  }

  private static List<String> names(List<BootImageSpec> images) {
    List<String> names = new ArrayList<>();
    images.forEach(image -> names.add(image.name()));
    return names;
  }
}
