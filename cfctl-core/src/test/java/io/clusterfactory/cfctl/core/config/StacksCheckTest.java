package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-checks of the stack blocks, reported at once with YAML paths and positions. */
class StacksCheckTest {
  private static final String HEAD =
      """
      apiVersion: cfctl.clusterfactory.io/v1beta1
      kind: Cluster
      metadata: {name: t}
      spec:
        hosts:
          - role: single
            ssh: {address: 10.0.0.10}
        gitops:
          repository: {url: "file:///srv/g.git"}
      """;

  @TempDir Path dir;

  private List<Problem> problems(String stacks) {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () ->
                new ConfigLoader(Map.<String, String>of()::get, ValidationMode.OFFLINE)
                    .load(HEAD + stacks, "cluster.yaml", dir));
    return e.problems();
  }

  private static Problem at(List<Problem> problems, String path, String fragment) {
    return problems.stream()
        .filter(p -> p.path().equals(path) && p.message().contains(fragment))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no '" + fragment + "' at " + path + " in " + problems));
  }

  @Test
  @DisplayName("a LoadBalancer IP outside every pool, on a host, and overlapping pools are errors")
  void addresses() {
    List<Problem> p =
        problems(
            """
              network:
                domain: t.example.com
                metallb:
                  pools:
                    - {name: a, addresses: [10.0.0.0/28]}
                    - {name: b, addresses: [10.0.0.8-10.0.0.20]}
                coredns: {address: 10.9.9.9}
                traefik: {address: 10.0.0.10}
            """);
    Problem overlap = at(p, "spec.network.metallb.pools[1].addresses[0]", "overlaps 10.0.0.0/28");
    assertEquals(15, overlap.position().line());
    at(p, "spec.network.coredns.address", "is in no MetalLB pool");
    at(p, "spec.network.traefik.address", "is a host's address");
  }

  @Test
  @DisplayName(
      "the domain must be a DNS name, an attachment needs its master, Grendel an attachment")
  void domainAttachmentGrendel() throws IOException {
    Files.writeString(dir.resolve("nodes.csv"), "cn01,52:54:00:00:00:01\n");
    List<Problem> p =
        problems(
            """
              network:
                domain: Bad_Domain..com
                multus:
                  attachments:
                    - {name: prov, subnet: 10.50.0.0/24}
              provisioning:
                grendel:
                  nodeName: n1
                  interface: eth1
                  address: 192.168.7.3/24
                  groups:
                    - {nodes: "cn01", ipStart: 192.168.7.11}
                  inventory: nodes.csv
            """);
    at(p, "spec.network.domain", "not a valid DNS name");
    at(p, "spec.network.multus.attachments[0].master", "host interface");
    Problem g = at(p, "spec.provisioning.grendel.address", "in no Multus attachment subnet");
    assertNotNull(g.position());
  }

  @Test
  @DisplayName("SLURM partitions must name inventory nodes; the default storage class must exist")
  void partitionsAndStorage() throws IOException {
    Files.writeString(dir.resolve("nodes.csv"), "cn01,52:54:00:00:00:01\ncn02,52:54:00:00:00:02\n");
    List<Problem> p =
        problems(
            """
              network:
                domain: t.example.com
                metallb:
                  pools: [{name: a, addresses: [10.0.0.100-10.0.0.110]}]
                multus:
                  attachments: [{name: prov, master: eth1, subnet: 192.168.7.0/24}]
              provisioning:
                grendel:
                  nodeName: n1
                  interface: eth1
                  address: 192.168.7.3/24
                  groups:
                    - {nodes: "cn[01-02]", ipStart: 192.168.7.11, partitions: [batch]}
                  inventory: nodes.csv
              software:
                storage:
                  defaultClass: fast
                  localPath: {}
                ldap: {}
                slurm:
                  partitions:
                    - {name: batch}
                    - {name: big, nodes: "cn[01-04]"}
            """);
    Problem nodes =
        at(p, "spec.software.slurm.partitions[1].nodes", "cn[03-04] not in the inventory");
    assertTrue(nodes.hint().contains("cn[01-02]"));
    at(p, "spec.software.storage.defaultClass", "'fast' does not exist");
    assertTrue(
        p.stream().noneMatch(x -> x.path().equals("spec.software.slurm.partitions[0].nodes")));
  }

  @Test
  @DisplayName("a valid network block loads and LoadBalancer IPs are derived from the pool")
  void derivedAddresses() {
    LoadedConfig c =
        new ConfigLoader(Map.<String, String>of()::get, ValidationMode.OFFLINE)
            .load(
                HEAD
                    + """
                      network:
                        domain: t.example.com
                        metallb:
                          pools: [{name: a, addresses: [10.0.0.9-10.0.0.20]}]
                        coredns: {}
                        traefik: {}
                    """,
                "cluster.yaml",
                dir);
    // 10.0.0.10 is the host: skipped
    assertEquals("10.0.0.9", c.cluster().spec().network().coredns().address());
    assertEquals("10.0.0.11", c.cluster().spec().network().traefik().address());
  }

  @Test
  @DisplayName("unknown fields in a stack block are reported with file:line:column")
  void strictBinding() {
    List<Problem> p =
        problems(
            """
              network:
                metallb:
                  pool: x
            """);
    Problem unknown = at(p, "spec.network.metallb.pool", "unknown field 'pool'");
    assertEquals(12, unknown.position().line());
  }
}
