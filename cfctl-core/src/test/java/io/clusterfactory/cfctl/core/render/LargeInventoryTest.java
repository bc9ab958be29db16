package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/full grown to 5,000 nodes: every object still fits the API server's limits. */
class LargeInventoryTest {
  private static final int COMPUTE = 4996;

  @Test
  @DisplayName(
      "hosts.json of 5,000 nodes is split into ConfigMaps under 1 MiB that join to all hosts")
  void hostsSplitIntoParts(@TempDir Path dir) throws IOException {
    String text = Files.readString(Examples.file("full"));
    text =
        text.replace("192.168.0.0/24", "192.168.0.0/18")
            .replace("192.168.0.3/24", "192.168.0.3/18")
            .replace("nodes: cn[001-012]", "nodes: cn[0001-" + COMPUTE + "]")
            .replace("ipStart: 192.168.0.11", "ipStart: 192.168.1.0")
            .replace("bmcStart: 192.168.0.111", "bmcStart: 192.168.32.0")
            .replace("nodes: \"cn[001-002]\"", "nodes: \"cn[0001-0002]\"");
    Files.writeString(dir.resolve("cluster.yaml"), text);
    StringBuilder csv = new StringBuilder();
    for (int i = 1; i <= COMPUTE; i++) {
      csv.append(String.format("cn%04d,52:54:00:%02x:%02x:01%n", i, i >> 8, i & 255));
    }
    for (int i = 1; i <= 4; i++) {
      csv.append(String.format("gpu%02d,52:54:00:aa:01:%02x%n", i, i));
    }
    Files.writeString(dir.resolve("nodes.csv"), csv);

    RenderedTree tree = TreeRenderer.render(Examples.load(dir.resolve("cluster.yaml"), Map.of()));

    List<RenderedObject> parts =
        tree.objects().stream().filter(o -> o.name().startsWith("grendel-hosts-")).toList();
    assertTrue(parts.size() > 1, "more than one part for 5,000 nodes");
    StringBuilder joined = new StringBuilder();
    for (RenderedObject part : parts) {
      int size = CanonicalYaml.TREE.writeOne(part.body()).getBytes(StandardCharsets.UTF_8).length;
      assertTrue(size < 1024 * 1024, part.name() + " is " + size + " bytes");
      joined.append(part.body().at("/data/hosts.json").asText());
    }
    JsonNode hosts = new ObjectMapper().readTree(joined.toString());
    assertEquals(COMPUTE + 4, hosts.size());
    assertEquals("cn0001", hosts.get(0).path("name").asText());
    JsonNode sts =
        tree.objects().stream()
            .filter(o -> o.kind().equals("StatefulSet") && o.name().equals("grendel"))
            .findFirst()
            .orElseThrow()
            .body();
    assertEquals(parts.size(), sts.at("/spec/template/spec/initContainers/0/args").size());
    String slurm = tree.text("manifests/software/slurm/configmap.yaml");
    assertTrue(slurm.contains("NodeName=cn[0001-4996] CPUs=64"), "nodes folded into one line");
  }
}
