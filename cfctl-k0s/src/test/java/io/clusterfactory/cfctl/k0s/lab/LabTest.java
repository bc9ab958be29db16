package io.clusterfactory.cfctl.k0s.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.k0s.ssh.LocalHost;
import io.clusterfactory.cfctl.k0s.ssh.SshRemoteHost;
import io.clusterfactory.cfctl.testing.LabTier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The harness itself: isolation between labs, and teardown. */
@LabTier
class LabTest {
  private final LocalHost local = new LocalHost();

  @Test
  @DisplayName("a new lab removes what a crashed lab left in a slot nobody holds")
  void staleLabsAreRemoved() {
    local.exec("ip netns add cflab249-h1").orThrow("creating a fake leftover namespace");
    local.exec("ip link add cflab249 type bridge").orThrow("creating a fake leftover bridge");
    try (Lab lab = Lab.create(1)) {
      assertNotEquals(249, lab.slot());
      assertFalse(local.exec("ip netns list").stdout().contains("cflab249-h1"));
      assertFalse(local.exec("ip link show cflab249").ok());
    }
  }

  @Test
  @DisplayName(
      "two labs at once get separate subnets; closing removes all but the unreachable route")
  void twoLabsAndTeardown() {
    Path firstDir;
    String firstNetns;
    String firstBridge;
    try (Lab first = Lab.create(1);
        Lab second = Lab.create(1)) {
      assertNotEquals(first.slot(), second.slot());
      assertNotEquals(first.host(0).address(), second.host(0).address());
      try (SshRemoteHost a = SshRemoteHost.connect(first.spec(0));
          SshRemoteHost b = SshRemoteHost.connect(second.spec(0))) {
        a.writeFile("/etc/k0s/who", "first", 0644);
        assertFalse(b.exists("/etc/k0s/who"), "labs share a filesystem view");
      }
      // lab hosts reach each other inside a lab, never anything outside the lab block
      assertEquals(
          0, first.exec(0, "ip route get 10.199." + first.slot() + ".1 >/dev/null").exitCode());
      firstDir = first.dir();
      firstNetns = first.host(0).netns();
      firstBridge = "cflab" + first.slot();
      assertTrue(Files.isDirectory(firstDir));
    }
    assertFalse(Files.exists(firstDir), "lab folder left behind");
    assertFalse(local.exec("ip netns list").stdout().contains(firstNetns), "namespace left behind");
    assertFalse(local.exec("ip link show " + firstBridge).ok(), "bridge left behind");
    assertTrue(
        local.exec("ip route show type unreachable").stdout().contains("10.199.0.0/16"),
        "the unreachable route for the lab block must stay");
  }
}
