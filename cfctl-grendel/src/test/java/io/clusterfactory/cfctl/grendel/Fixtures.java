package io.clusterfactory.cfctl.grendel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.config.BootImageSpec;
import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import io.clusterfactory.cfctl.grendel.config.NodeGroupSpec;
import io.clusterfactory.cfctl.grendel.config.SlurmNodeSpec;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures under src/test/resources/io/clusterfactory/cfctl/grendel. */
public final class Fixtures {
  private static final String ROOT = "/io/clusterfactory/cfctl/grendel/";

  private Fixtures() {}

  /** The folder holding the fixtures (also the cluster.yaml folder for nodes.csv). */
  public static Path dir() {
    try {
      return Path.of(Fixtures.class.getResource(ROOT + "small-grendel.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static GrendelSpec spec(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(ROOT + name)) {
      return GrendelJson.mapper().readValue(in, GrendelSpec.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GrendelSpec small(ApiGeneration generation) {
    return withGeneration(spec("small-grendel.json"), generation);
  }

  public static GrendelSpec withGeneration(GrendelSpec s, ApiGeneration generation) {
    return new GrendelSpec(
        s.nodeName(),
        s.networkInterface(),
        s.address(),
        s.subnet(),
        s.bmcSubnet(),
        s.gateway(),
        s.dnsServers(),
        s.domain(),
        generation,
        s.api(),
        s.storage(),
        s.images(),
        s.groups(),
        s.inventory(),
        s.defaultPartition());
  }

  /**
   * Compares with a golden file; run with -Dcfctl.updateGolden=true to rewrite the files in
   * src/test/resources after reviewing the change.
   */
  public static void assertGolden(String name, String actual) {
    Path source = Path.of("src/test/resources" + ROOT + name);
    try {
      if (Boolean.getBoolean("cfctl.updateGolden")) {
        Files.createDirectories(source.getParent());
        Files.writeString(source, actual, StandardCharsets.UTF_8);
      }
      assertEquals(Files.readString(source, StandardCharsets.UTF_8), actual, "golden file " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One group of {@code count} nodes cn00001.. on 10.100.0.0/16, MACs from {@code nodes.csv}. */
  public static GrendelSpec bigSpec(int count, ApiGeneration generation) {
    return new GrendelSpec(
        "mgmt0",
        "eth1",
        "10.100.0.3/16",
        null,
        null,
        "10.100.0.1",
        List.of("10.100.0.3"),
        "hpc.example.org",
        generation,
        null,
        null,
        List.of(
            new BootImageSpec(
                "squareos-9.2",
                "/var/lib/grendel/vmlinuz",
                List.of("/var/lib/grendel/initramfs.img"),
                "/var/lib/grendel/root.squashfs",
                "root=live:{{ $.endpoints.LiveImageURL }} BOOTIF={{ $.nic.MAC }}",
                null,
                null,
                null,
                null)),
        List.of(
            new NodeGroupSpec(
                "compute",
                String.format("cn[00001-%05d]", count),
                "squareos-9.2",
                null,
                List.of("compute"),
                "10.100.1.1",
                null,
                null,
                null,
                null,
                null,
                new SlurmNodeSpec(64, 2, 16, 2, 256000L, null, null),
                List.of("batch"))),
        "nodes.csv",
        null);
  }

  /** A CSV of {@code count} nodes cn00001.. with unique MACs, written into {@code dir}. */
  public static Path writeBigCsv(Path dir, int count) throws IOException {
    List<String> lines = new ArrayList<>(count + 1);
    lines.add("name,mac");
    for (int i = 1; i <= count; i++) {
      lines.add(
          String.format("cn%05d,02:00:00:%02x:%02x:%02x", i, i >> 16, (i >> 8) & 0xFF, i & 0xFF));
    }
    return Files.write(dir.resolve("nodes.csv"), lines);
  }
}
