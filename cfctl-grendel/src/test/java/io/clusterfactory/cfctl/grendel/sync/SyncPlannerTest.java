package io.clusterfactory.cfctl.grendel.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.grendel.Fixtures;
import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.inventory.Inventory;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelImage;
import io.clusterfactory.cfctl.grendel.model.GrendelNic;
import io.clusterfactory.cfctl.grendel.render.GrendelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncPlannerTest {

  @Test
  @DisplayName("a 10,000-node inventory plans creates, updates and prunes with exact counts")
  void tenThousandNodes(@TempDir Path dir) throws IOException {
    Fixtures.writeBigCsv(dir, 10_000);
    ResolvedInventory inventory =
        Inventory.resolve(Fixtures.bigSpec(10_000, ApiGeneration.V0_2), dir);

    SyncPlan fresh = SyncPlanner.plan(inventory, ServerState.empty(), false);
    assertEquals(10_000, fresh.nodesToCreate().size());
    assertEquals(1, fresh.imagesToCreate().size());
    assertEquals("cn[00001-10000]", fresh.report().nodes().createNames());

    // server: nodes 1001-10000 present, 500 of them on another image, plus 200 foreign nodes
    List<GrendelHost> desired = GrendelFiles.hosts(inventory);
    List<GrendelHost> server = new ArrayList<>();
    for (int i = 1_000; i < desired.size(); i++) {
      GrendelHost host = desired.get(i);
      server.add(
          i < 1_500
              ? new GrendelHost(host.name(), true, "old", null, host.tags(), host.interfaces())
              : host);
    }
    for (int i = 1; i <= 200; i++) {
      server.add(new GrendelHost("old" + i, true, "old", null, List.of(), List.of()));
    }
    ServerState state = new ServerState(server, GrendelFiles.images(inventory));

    SyncPlan keep = SyncPlanner.plan(inventory, state, false);
    assertEquals(1_000, keep.nodesToCreate().size());
    assertEquals(500, keep.nodesToUpdate().size());
    assertEquals(8_500, keep.nodesUnchanged());
    assertEquals(0, keep.nodesToDelete().size());
    assertEquals(200, keep.nodesUnmanaged().size());
    assertEquals(1, keep.imagesUnchanged());
    assertEquals(
        "images: 0 to create, 0 to update, 0 to delete, 1 unchanged\n"
            + "nodes: 1000 to create, 500 to update, 0 to delete, 8500 unchanged\n"
            + "  + nodes cn[00001-01000]\n"
            + "  ~ nodes cn[01001-01500] (boot_image)\n"
            + "not in cluster.yaml, kept (use --prune to delete): nodes old[1-200]\n",
        keep.render());

    SyncPlan prune = SyncPlanner.plan(inventory, state, true);
    assertEquals(200, prune.nodesToDelete().size());
    assertEquals("old[1-200]", prune.report().nodes().deleteNames());
    assertEquals(200, prune.report().nodes().delete());
  }

  @Test
  @DisplayName("server-side spellings of the same values are unchanged")
  void normalisesServerValues() {
    GrendelNic nic =
        new GrendelNic("aa:bb:cc:00:00:01", "10.0.0.5/24", "cn1", false, null, null, null);
    GrendelHost desired =
        new GrendelHost("cn1", true, "live", null, List.of("b", "a"), List.of(nic));
    GrendelHost server =
        new GrendelHost(
            "CN1",
            true,
            "live",
            "",
            List.of("a", "b"),
            List.of(
                new GrendelNic("AA:BB:CC:00:00:01", "10.0.0.5/24", "cn1", false, "", "", 1500)));
    GrendelImage image =
        new GrendelImage("live", "/k", null, null, null, null, null, null, null, null);
    GrendelImage serverImage =
        new GrendelImage("live", "/k", List.of(), "", "", false, "", java.util.Map.of(), "", "");
    SyncPlan plan =
        SyncPlanner.plan(
            List.of(image),
            List.of(desired),
            new ServerState(List.of(server), List.of(serverImage)),
            true);
    assertTrue(plan.isEmpty(), plan.render());
    assertEquals(1, plan.nodesUnchanged());
  }

  @Test
  @DisplayName("changed fields are named per node and per image")
  void namesChangedFields() {
    GrendelNic nic =
        new GrendelNic("aa:bb:cc:00:00:01", "10.0.0.5/24", "cn1", false, null, null, null);
    GrendelHost desired = new GrendelHost("cn1", true, "live", null, List.of(), List.of(nic));
    GrendelHost server =
        new GrendelHost(
            "cn1",
            false,
            "live",
            null,
            List.of(),
            List.of(
                new GrendelNic(
                    nic.mac().toUpperCase(Locale.ROOT),
                    "10.0.0.6/24",
                    "cn1",
                    false,
                    null,
                    null,
                    null)));
    GrendelImage image =
        new GrendelImage("live", "/k2", null, null, "quiet", null, null, null, null, null);
    GrendelImage serverImage =
        new GrendelImage("live", "/k", null, null, "", null, null, null, null, null);
    SyncPlan plan =
        SyncPlanner.plan(
            List.of(image),
            List.of(desired),
            new ServerState(List.of(server), List.of(serverImage)),
            false);
    assertEquals(List.of("provision", "interfaces"), plan.nodesToUpdate().get(0).fields());
    assertEquals(List.of("kernel", "cmdline"), plan.imagesToUpdate().get(0).fields());
    assertEquals(
        "images: 0 to create, 1 to update, 0 to delete, 0 unchanged\n"
            + "  ~ image live (kernel, cmdline)\n"
            + "nodes: 0 to create, 1 to update, 0 to delete, 0 unchanged\n"
            + "  ~ nodes cn1 (provision, interfaces)\n",
        plan.render());
  }
}
