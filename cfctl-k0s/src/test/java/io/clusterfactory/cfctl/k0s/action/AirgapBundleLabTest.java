package io.clusterfactory.cfctl.k0s.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.airgap.OpenedBundle;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import io.clusterfactory.cfctl.k0s.lab.Lab;
import io.clusterfactory.cfctl.k0s.lab.StandInK0s;
import io.clusterfactory.cfctl.testing.LabTier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply --bundle} on real OpenSSH hosts of the lab, which reach nothing but the lab: the
 * bundle's k0s binary and its image archive arrive, a second apply changes nothing, a tampered
 * bundle is refused before any host is touched, and reset removes the images folder.
 */
@LabTier
class AirgapBundleLabTest {
  static final String V1 = StandInK0s.DEFAULT_VERSION;
  static final String IMAGES = "/var/lib/k0s/images/k0s-images.tar";

  static Lab lab;

  @TempDir Path dir;

  @BeforeAll
  static void startLab() {
    lab = Lab.builder().hosts(2).start();
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void applyFromABundleUploadsTheBinaryAndTheImagesOnceAndRefusesATamperedOne() throws Exception {
    Path binary = StandInK0s.write(Files.createDirectories(dir.resolve("bin")), V1);
    byte[] tar =
        "a k0s image bundle, as k0s airgap bundle-artifacts writes"
            .getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("images/k0s-images.tar", tar);
    files.put("k0s/" + V1 + "/k0s-" + V1 + "-amd64", Files.readAllBytes(binary));
    Path bundle = AirgapBundles.write(dir.resolve("bundle"), "lab", V1, files);
    String known = "";
    for (int i = 0; i < lab.size(); i++) {
      known += lab.host(i).address() + " " + lab.hostKey(i) + "\n";
    }
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), known);
    Path file =
        Files.writeString(
            dir.resolve("cluster.yaml"),
            "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata:\n  name: lab\n"
                + "spec:\n  hosts:\n"
                + host("controller", 0)
                + host("worker", 1)
                + "  k0s:\n    version: "
                + V1
                + "\n");
    LoadedConfig config = ConfigLoader.forApply().load(file);
    HostsSettings settings =
        HostsSettings.defaults()
            .withKnownHosts(knownHosts)
            .withConnect(Duration.ofSeconds(3), 1, Duration.ofSeconds(6))
            .withWaitTimeout(Duration.ofSeconds(60));
    ApplyOptions options = ApplyOptions.defaults().timeout(Duration.ofMinutes(5)).build();

    HostsApplyResult first =
        new HostsApplyAction(config, options, settings)
            .fromBundle(OpenedBundle.open(bundle, config))
            .run();
    assertFalse(first.changes().isEmpty());
    String binarySha = AirgapBundles.sha256(Files.readAllBytes(binary));
    for (int i = 0; i < lab.size(); i++) {
      assertEquals(
          binarySha,
          lab.exec(i, "sha256sum /usr/local/bin/k0s | cut -d' ' -f1").stdout().strip(),
          "the bundle's binary on host " + i);
    }
    assertEquals(
        AirgapBundles.sha256(tar),
        lab.exec(1, "sha256sum " + IMAGES + " | cut -d' ' -f1").stdout().strip(),
        "the image bundle on the worker");
    assertFalse(lab.exec(0, "[ -e " + IMAGES + " ]").ok(), "a controller runs no workloads");

    HostsApplyResult second =
        new HostsApplyAction(config, options, settings)
            .fromBundle(OpenedBundle.open(bundle, config))
            .run();
    assertEquals(java.util.List.of(), second.changes(), "a converged re-run changes nothing");

    String before = lab.exec(1, "stat -c '%Y %s' " + IMAGES).stdout();
    Files.writeString(bundle.resolve("images/k0s-images.tar"), "tampered");
    InvalidInputException refused =
        assertThrows(InvalidInputException.class, () -> OpenedBundle.open(bundle, config));
    assertEquals(ExitCode.INVALID_INPUT, refused.exitCode());
    assertTrue(refused.getMessage().contains("images/k0s-images.tar"), refused.getMessage());
    assertEquals(before, lab.exec(1, "stat -c '%Y %s' " + IMAGES).stdout(), "nothing touched");

    new HostsApplyAction(config, options, settings).reset();
    assertFalse(lab.exec(1, "[ -e /var/lib/k0s/images ]").ok(), "reset removes the images");
  }

  private String host(String role, int i) {
    return "  - role: "
        + role
        + "\n    ssh:\n      address: "
        + lab.host(i).address()
        + "\n      user: root\n      keyPath: "
        + lab.clientKey()
        + "\n";
  }
}
