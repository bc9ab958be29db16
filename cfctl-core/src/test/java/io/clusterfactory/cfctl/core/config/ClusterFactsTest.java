package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.clusterfactory.cfctl.core.config.v1beta1.K0sSpec;
import io.clusterfactory.cfctl.core.render.RenderContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterFactsTest {
  private static LoadedConfig example(String name) {
    return ConfigLoader.offline().load(Path.of("..", "examples", name, "cluster.yaml"));
  }

  @Test
  void theInventoryIsResolvedAtLoadAndRenderingUsesThatResolution() {
    LoadedConfig full = example("full");

    ClusterFacts facts = full.facts();

    assertEquals(List.of("10.10.0.100-10.10.0.119"), facts.reservedRanges());
    assertEquals(16, facts.resolvedInventory().nodes().size());
    assertEquals("cn001", facts.resolvedInventory().nodes().get(0).name());
    assertSame(facts.resolvedInventory(), RenderContext.of(full).inventory());
  }

  @Test
  void withoutProvisioningThereIsNoInventoryAndK0sDefaultsApply() {
    ClusterFacts facts = example("single").facts();

    assertNull(facts.inventory());
    assertEquals(new K0sApi(6443, null), facts.k0sApi());
  }

  @Test
  void theK0sApiEndpointIsReadFromTheClusterConfig() {
    assertEquals(new K0sApi(6443, "192.0.2.10"), example("ha").facts().k0sApi());
    assertEquals(
        new K0sApi(7443, "lb.example"),
        K0sApi.of(k0s(Map.of("port", 7443, "externalAddress", "lb.example"))));
    assertEquals(
        new K0sApi(7443, null), K0sApi.of(k0s(Map.of("port", "7443", "externalAddress", " "))));
  }

  private static K0sSpec k0s(Map<String, Object> api) {
    return new K0sSpec(null, null, null, Map.of("spec", Map.of("api", api)));
  }
}
