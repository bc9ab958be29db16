package io.clusterfactory.cfctl.k0s.action;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.airgap.OpenedBundle;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.k0s.FakeK0sHost;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply --bundle} on the host side: the bundle's k0s binary (of the host's architecture) is
 * uploaded as k0sBinaryPath would be, its images/*.tar go to each workload host's
 * /var/lib/k0s/images/, a dry run plans both and touches nothing, and a second apply changes
 * nothing.
 */
class AirgapBundleApplyTest {
  static final String V1 = "v1.31.2+k0s.0";
  static final String IMAGES = "/var/lib/k0s/images/k0s-images.tar";

  @TempDir Path dir;
  final Map<String, FakeK0sHost> hosts = new LinkedHashMap<>();
  Path bundle;
  LoadedConfig config;
  final byte[] tar = "an image bundle".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void setUp() throws Exception {
    hosts.put("10.0.0.1", new FakeK0sHost("10.0.0.1", "ctl-1"));
    hosts.put("10.0.0.2", new FakeK0sHost("10.0.0.2", "wrk-1"));
    Files.writeString(dir.resolve("id_ed25519"), "key");
    Files.writeString(
        dir.resolve("cluster.yaml"),
        "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata:\n  name: lab\n"
            + "spec:\n  hosts:\n"
            + "  - role: controller\n    ssh: {address: 10.0.0.1, keyPath: id_ed25519}\n"
            + "  - role: worker\n    ssh: {address: 10.0.0.2, keyPath: id_ed25519}\n"
            + "  k0s:\n    version: "
            + V1
            + "\n");
    config = ConfigLoader.forApply().load(dir.resolve("cluster.yaml"));
    bundle = dir.resolve("bundle");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("images/k0s-images.tar", tar);
    files.put("k0s/" + V1 + "/k0s-" + V1 + "-amd64", FakeK0sHost.binary(V1));
    AirgapBundles.write(bundle, "lab", V1, files);
  }

  HostsApplyResult apply(boolean dryRun) {
    HostsSettings settings =
        HostsSettings.defaults()
            .withWaitTimeout(Duration.ofSeconds(3))
            .withConnector(FakeK0sHost.connector(hosts, new ArrayList<>()));
    return new HostsApplyAction(
            config,
            ApplyOptions.defaults().dryRun(dryRun).timeout(Duration.ofMinutes(5)).build(),
            settings)
        .fromBundle(OpenedBundle.open(bundle, config))
        .run();
  }

  @Test
  void theBinaryAndTheImagesComeFromTheBundleOnceAndADryRunPlansThem() {
    HostsApplyResult plan = apply(true);
    String text = plan.plan().toText();
    assertTrue(text.contains("upload k0s binary " + bundle.resolve("k0s/" + V1)), text);
    assertTrue(text.contains("upload image bundle k0s-images.tar"), text);
    assertTrue(text.contains(IMAGES), text);
    for (FakeK0sHost h : hosts.values()) {
      assertFalse(h.files().containsKey(IMAGES), "dry run uploads nothing to " + h.name());
      assertTrue(h.commands().stream().noneMatch(c -> c.startsWith("<upload")), h.name());
    }

    apply(false);
    FakeK0sHost controller = hosts.get("10.0.0.1");
    FakeK0sHost worker = hosts.get("10.0.0.2");
    assertArrayEquals(tar, worker.files().get(IMAGES));
    assertFalse(controller.files().containsKey(IMAGES), "a controller runs no workloads");
    for (FakeK0sHost h : hosts.values()) {
      assertEquals(V1, h.runningVersion(), h.name());
      assertTrue(
          h.commands().stream().noneMatch(c -> c.contains("curl")), "no download on " + h.name());
    }

    hosts.values().forEach(FakeK0sHost::clearCommands);
    HostsApplyResult again = apply(false);
    assertEquals(List.of(), again.changes());
    for (FakeK0sHost h : hosts.values()) {
      assertTrue(h.commands().stream().noneMatch(c -> c.startsWith("<upload")), h.name());
    }
  }
}
