package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Configs written the way k0sctl and ClusterFactory write theirs load unchanged. */
class CompatibilityTest {
  static LoadedConfig loadResource(String name) throws Exception {
    Path file = Path.of(CompatibilityTest.class.getResource("/config/" + name).toURI());
    return new ConfigLoader(k -> null, ValidationMode.OFFLINE).load(file);
  }

  @Test
  @DisplayName(
      "a k0sctl.yaml using every field k0sctl accepts is refused only for the OpenSSH client"
          + " settings, each named")
  void k0sctlYamlWithEveryFieldRefusesOpenSshClientSettings() throws Exception {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> loadResource("k0sctl-all-fields.yaml"));
    List<String> errors =
        e.problems().stream()
            .filter(p -> p.severity() == Severity.ERROR)
            .map(p -> p.path() + ": " + p.message())
            .toList();
    assertEquals(
        List.of(
            "spec.hosts[3].openSSH.configPath: an ssh_config file is not read by cfctl",
            "spec.hosts[3].openSSH.disableMultiplexing: OpenSSH connection multiplexing is not"
                + " used by cfctl (it keeps one connection per host and opens a channel per"
                + " command)",
            "spec.hosts[3].openSSH.options: OpenSSH client options are not applied by cfctl"),
        errors);
    assertTrue(
        e.problems().stream()
            .filter(p -> p.severity() == Severity.ERROR)
            .allMatch(
                p ->
                    p.hint()
                        .contains("cfctl does not run the OpenSSH client, it connects with sshj")),
        e.getMessage());
  }

  @Test
  @DisplayName("a k0sctl.yaml using every other field k0sctl accepts loads unchanged")
  void k0sctlYamlWithEveryField() throws Exception {
    Path source =
        Path.of(CompatibilityTest.class.getResource("/config/k0sctl-all-fields.yaml").toURI());
    String text = Files.readString(source);
    String without =
        text.replace("        configPath: /path/to/ssh_config\n", "")
            .replace("        disableMultiplexing: true\n", "")
            .replace("        options:\n          StrictHostKeyChecking: \"no\"\n", "");
    assertNotEquals(text, without);
    LoadedConfig loaded =
        new ConfigLoader(k -> null, ValidationMode.OFFLINE)
            .load(without, source.toString(), source.getParent());
    Cluster c = loaded.cluster();
    assertEquals(Cluster.K0SCTL_API_VERSION, c.apiVersion());
    assertEquals("cluster", c.kind());
    assertEquals("my-k0s", c.metadata().name());
    assertEquals("k0sadmin", c.metadata().user());
    assertEquals(4, c.spec().hosts().size());
    var ctl = c.spec().hosts().get(0);
    assertEquals(Role.CONTROLLER, ctl.role());
    assertEquals("bastion.example.org", ctl.ssh().bastion().address());
    assertEquals(Map.of("ServerAliveInterval", "30"), ctl.ssh().options());
    assertEquals("https://example.org/k0s-%v-%p", ctl.k0sDownloadUrl());
    assertEquals("0600", ctl.files().get(0).perm());
    assertEquals(2, ctl.hooks().get("apply").before().size());
    var worker = c.spec().hosts().get(1);
    assertTrue(worker.reset());
    assertEquals("/opt/k0s/kubelet", worker.kubeletRootDir());
    assertTrue(c.spec().hosts().get(2).isLocalhost());
    assertEquals("proxy.example.org", c.spec().hosts().get(3).openSsh().address());
    assertEquals("0755", ctl.files().get(0).dirPerm());
    assertEquals(Map.of("HTTP_PROXY", "10.0.0.1:443"), ctl.environment());
    assertEquals("latest", c.spec().k0s().versionChannel());
    assertTrue(c.spec().k0s().dynamicConfig());
    assertEquals(25, c.spec().options().concurrency().workerDisruptionPercent());
    assertTrue(c.spec().options().evictTaint().enabled());
    assertEquals(
        java.time.Duration.ofSeconds(90), c.spec().options().drain().gracePeriod().value());
  }

  @Test
  @DisplayName("the ClusterFactory example cfctl.yaml loads unchanged")
  void clusterFactoryExample() throws Exception {
    Path file = Path.of("../examples/clusterfactory/cfctl.yaml");
    LoadedConfig loaded = new ConfigLoader(k -> null, ValidationMode.OFFLINE).load(file);
    var h = loaded.cluster().spec().hosts().get(0);
    assertEquals(Role.CONTROLLER_WORKER, h.role());
    assertTrue(h.noTaints());
    assertEquals("1.28.3+k0s.0", loaded.cluster().spec().k0s().version());
    assertFalse(loaded.cluster().spec().k0s().dynamicConfig());
    assertEquals(3, h.installFlags().size());
  }
}
