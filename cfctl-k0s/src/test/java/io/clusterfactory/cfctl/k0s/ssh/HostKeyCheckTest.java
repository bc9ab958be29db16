package io.clusterfactory.cfctl.k0s.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host key decisions without a network: known_hosts lookups, pinning, recording. */
class HostKeyCheckTest {
  @TempDir Path dir;

  private static PublicKey newKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair().getPublic();
  }

  @Test
  @DisplayName("a key listed for [host]:port is accepted; the same host on port 22 is unknown")
  void portSpecificEntries() throws Exception {
    PublicKey key = newKey();
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, "# comment\n[10.0.0.5]:2222 " + HostKeys.openSshLine(key) + "\n");
    HostKeyCheck check = new HostKeyCheck("root@10.0.0.5:2222", null, knownHosts, false);
    assertTrue(check.verify("10.0.0.5", 2222, key));
    assertEquals(List.of("ecdsa-sha2-nistp256"), check.findExistingAlgorithms("10.0.0.5", 2222));
    HostKeyCheck onPort22 = new HostKeyCheck("root@10.0.0.5:22", null, knownHosts, false);
    assertFalse(onPort22.verify("10.0.0.5", 22, key));
    assertEquals(HostKeyRejectedException.Reason.UNKNOWN, onPort22.rejection().reason());
  }

  @Test
  @DisplayName("accept-new appends one line in OpenSSH format, creating the file with mode 600")
  void acceptNewRecords() throws Exception {
    PublicKey key = newKey();
    Path knownHosts = dir.resolve("sub/known_hosts");
    HostKeyCheck check = new HostKeyCheck("root@h:2200", null, knownHosts, true);
    assertTrue(check.verify("h", 2200, key));
    assertNull(check.rejection());
    assertEquals(List.of("[h]:2200 " + HostKeys.openSshLine(key)), Files.readAllLines(knownHosts));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(knownHosts)));
  }

  @Test
  @DisplayName("a different key for a known host is CHANGED and names both fingerprints")
  void changedKey() throws Exception {
    PublicKey old = newKey();
    PublicKey offered = newKey();
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, "h " + HostKeys.openSshLine(old) + " old-comment\n");
    HostKeyCheck check = new HostKeyCheck("root@h:22", null, knownHosts, true);
    assertFalse(check.verify("h", 22, offered));
    HostKeyRejectedException rejection = check.rejection();
    assertEquals(HostKeyRejectedException.Reason.CHANGED, rejection.reason());
    assertTrue(rejection.getMessage().contains(HostKeys.fingerprint(HostKeys.blob(old))));
    assertTrue(rejection.getMessage().contains(HostKeys.fingerprint(HostKeys.blob(offered))));
    assertTrue(rejection.hint().contains("ssh-keygen -R 'h'"), rejection.hint());
    assertEquals(1, Files.readAllLines(knownHosts).size(), "a changed key must not be recorded");
  }

  @Test
  @DisplayName("a pinned key is compared byte for byte and offered as the only algorithm")
  void pinned() throws Exception {
    PublicKey key = newKey();
    HostKeyCheck check =
        new HostKeyCheck(
            "root@h:22", HostKeys.openSshLine(key) + " comment", dir.resolve("none"), true);
    assertTrue(check.verify("h", 22, key));
    assertEquals(List.of("ecdsa-sha2-nistp256"), check.findExistingAlgorithms("h", 22));
    assertFalse(check.verify("h", 22, newKey()));
    assertEquals(HostKeyRejectedException.Reason.PINNED_MISMATCH, check.rejection().reason());
    assertFalse(Files.exists(dir.resolve("none")));
  }

  @Test
  @DisplayName("fingerprints match ssh-keygen's SHA256 format")
  void fingerprintFormat() {
    // the value ssh-keygen -lf prints for this public key
    String line =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBTPeU6nWuV5kObPKyKk6bVmIwd1I3xDDUswAwGGJpWa";
    assertEquals("SHA256:AQ+4lsH6+E2I+P87S9EwNlaNPAq21DmU2gjAXuBt0ok", HostKeys.fingerprint(line));
  }
}
