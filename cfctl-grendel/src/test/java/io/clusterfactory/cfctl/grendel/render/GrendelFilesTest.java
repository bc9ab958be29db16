package io.clusterfactory.cfctl.grendel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.grendel.Fixtures;
import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.inventory.Inventory;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GrendelFilesTest {

  @ParameterizedTest
  @EnumSource(ApiGeneration.class)
  @DisplayName("hosts.json and images.json match the golden files of each API generation")
  void goldenFiles(ApiGeneration generation) {
    ResolvedInventory inventory = Inventory.resolve(Fixtures.small(generation), Fixtures.dir());
    String dir = "small-expected-" + generation.id() + "/";
    Fixtures.assertGolden(dir + "hosts.json", GrendelFiles.hostsJson(inventory));
    Fixtures.assertGolden(dir + "images.json", GrendelFiles.imagesJson(inventory));
  }

  @Test
  @DisplayName("rendering is byte-for-byte identical whatever the order groups and images come in")
  void deterministic() {
    var spec = Fixtures.small(ApiGeneration.LEGACY);
    var reversed =
        new io.clusterfactory.cfctl.grendel.config.GrendelSpec(
            spec.nodeName(),
            spec.networkInterface(),
            spec.address(),
            spec.subnet(),
            spec.bmcSubnet(),
            spec.gateway(),
            spec.dnsServers(),
            spec.domain(),
            spec.apiGeneration(),
            spec.api(),
            spec.storage(),
            List.of(spec.images().get(1), spec.images().get(0)),
            List.of(spec.groups().get(2), spec.groups().get(1), spec.groups().get(0)),
            spec.inventory(),
            spec.defaultPartition());
    ResolvedInventory a = Inventory.resolve(spec, Fixtures.dir());
    ResolvedInventory b = Inventory.resolve(reversed, Fixtures.dir());
    assertEquals(GrendelFiles.hostsJson(a), GrendelFiles.hostsJson(b));
    assertEquals(GrendelFiles.imagesJson(a), GrendelFiles.imagesJson(b));
  }

  @Test
  @DisplayName("images carry templates as single fields on legacy and as a map on v0.2")
  void templatesPerGeneration() throws IOException {
    JsonNode legacy =
        GrendelJson.mapper()
            .readTree(
                GrendelFiles.imagesJson(
                    Inventory.resolve(Fixtures.small(ApiGeneration.LEGACY), Fixtures.dir())));
    JsonNode upstream =
        GrendelJson.mapper()
            .readTree(
                GrendelFiles.imagesJson(
                    Inventory.resolve(Fixtures.small(ApiGeneration.V0_2), Fixtures.dir())));
    assertEquals("rocky-9.ks.tmpl", legacy.get(0).get("provision_template").asText());
    assertEquals("rocky-9.user-data.tmpl", legacy.get(0).get("user_data").asText());
    assertEquals(
        "rocky-9.ks.tmpl", upstream.get(0).get("provision_templates").get("kickstart").asText());
    assertTrue(upstream.get(0).get("provision_template") == null);
  }

  @Test
  @DisplayName("10,000 nodes render to a JSON array of 10,000 hosts")
  void tenThousand(@TempDir Path dir) throws IOException {
    Fixtures.writeBigCsv(dir, 10_000);
    ResolvedInventory inventory =
        Inventory.resolve(Fixtures.bigSpec(10_000, ApiGeneration.LEGACY), dir);
    JsonNode hosts = GrendelJson.mapper().readTree(GrendelFiles.hostsJson(inventory));
    assertEquals(10_000, hosts.size());
    assertEquals("10.100.40.16/16", hosts.get(9_999).get("interfaces").get(0).get("ip").asText());
  }
}
