package io.clusterfactory.cfctl.grendel.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.grendel.Fixtures;
import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.inventory.Finding;
import io.clusterfactory.cfctl.grendel.inventory.Inventory;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlurmConfigTest {
  private final ResolvedInventory inventory =
      Inventory.resolve(Fixtures.small(ApiGeneration.LEGACY), Fixtures.dir());

  @Test
  @DisplayName("node and partition lines match the golden slurm.conf fragment")
  void golden() {
    Fixtures.assertGolden("small-expected-legacy/slurm-nodes.conf", SlurmConfig.render(inventory));
  }

  @Test
  @DisplayName("nodes with identical attributes share one folded NodeName line")
  void foldsIdenticalNodes() {
    assertEquals(
        List.of(
            "NodeName=cn[001-004] CPUs=64 Sockets=2 CoresPerSocket=16 ThreadsPerCore=2"
                + " RealMemory=256000 Feature=avx512 State=UNKNOWN",
            "NodeName=gpu[1-2] CPUs=32 RealMemory=512000 Gres=gpu:a100:4 State=UNKNOWN"),
        SlurmConfig.nodeLines(inventory));
    assertEquals(
        List.of(
            "PartitionName=batch Nodes=cn[001-004],gpu[1-2] Default=YES State=UP",
            "PartitionName=gpu Nodes=gpu[1-2] Default=NO State=UP"),
        SlurmConfig.partitionLines(inventory));
  }

  @Test
  @DisplayName("a partition nodeset naming nodes outside the inventory is reported")
  void checksPartitionNodes() {
    assertEquals(List.of(), SlurmConfig.checkNodes("p", "cn[001-002],gpu1", inventory));
    List<Finding> findings = SlurmConfig.checkNodes("p", "cn[001-006]", inventory);
    assertEquals(1, findings.size());
    assertTrue(findings.get(0).message().endsWith("cn[005-006]"), findings.get(0).message());
    assertEquals("p", SlurmConfig.checkNodes("p", "cn[", inventory).get(0).path());
  }
}
