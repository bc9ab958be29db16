package io.clusterfactory.cfctl.k0s.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.k0s.ssh.ConnectionSpec;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import io.clusterfactory.cfctl.k0s.ssh.HostKeyRejectedException;
import io.clusterfactory.cfctl.k0s.ssh.HostKeys;
import io.clusterfactory.cfctl.k0s.ssh.SshRemoteHost;
import io.clusterfactory.cfctl.testing.LabTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH layer against real OpenSSH servers in the lab. Host 0 and 1 are used freely; host 2 gets
 * a new host key in {@link #changedHostKeyIsAlwaysRefused()}.
 */
@LabTier
class LabSshTest {
  private static Lab lab;

  @TempDir Path dir;

  @BeforeAll
  static void startLab() {
    lab = Lab.builder().hosts(3).withNonRootUsers().start();
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @DisplayName("lab hosts are distinct machines: hostname, machine-id, private /etc /var /usr")
  void hostsAreDistinct() {
    assertEquals("node-1", lab.execOk(0, "hostname").strip());
    assertEquals("node-2", lab.execOk(1, "hostname").strip());
    assertNotEquals(lab.file(0, "/etc/machine-id"), lab.file(1, "/etc/machine-id"));
    lab.execOk(0, "mkdir -p /etc/k0s /var/lib/k0s && echo zero > /etc/k0s/marker");
    assertEquals(Optional.of("zero\n"), lab.file(0, "/etc/k0s/marker"));
    assertEquals(Optional.empty(), lab.file(1, "/etc/k0s/marker"));
    assertFalse(Files.exists(Path.of("/etc/k0s/marker")), "lab wrote into the real /etc");
    // a real disk: the folder can be removed (a bind mount could not)
    lab.execOk(0, "rm -rf /etc/k0s /var/lib/k0s");
    assertEquals(Optional.empty(), lab.file(0, "/etc/k0s/marker"));
    assertTrue(lab.host(0).address().startsWith("10.199." + lab.slot() + "."));
    assertEquals("10.199." + lab.slot() + ".12", lab.host(1).address());
  }

  @Test
  @DisplayName("connects as root with an ed25519 key and runs commands")
  void connectsWithEd25519Key() {
    try (SshRemoteHost host = SshRemoteHost.connect(lab.spec(0))) {
      assertEquals("root@" + lab.host(0).address() + ":22", host.name());
      assertTrue(host.isRoot());
      assertEquals("node-1\n", host.exec("hostname").orThrow("hostname").stdout());
      assertEquals(
          "in:hello",
          host.exec("printf in:; cat", ExecOptions.defaults().withStdin("hello")).stdout());
      assertEquals(7, host.exec("exit 7").exitCode());
    }
  }

  @Test
  @DisplayName("connects with an RSA key in PEM format")
  void connectsWithRsaKey() {
    try (SshRemoteHost host = SshRemoteHost.connect(lab.spec(1).withKeyPath(lab.rsaClientKey()))) {
      assertEquals("node-2\n", host.exec("hostname").stdout());
    }
  }

  @Test
  @DisplayName("a passphrase-protected key is refused with a message naming the key file")
  void encryptedKey() throws Exception {
    Path key = dir.resolve("encrypted_ed25519");
    new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-f", key.toString())
        .start()
        .waitFor();
    InvalidInputException failure =
        assertThrows(
            InvalidInputException.class, () -> SshRemoteHost.connect(lab.spec(0).withKeyPath(key)));
    assertTrue(
        failure.getMessage().contains(key + " is protected by a passphrase"), failure.getMessage());
    Path garbage = Files.writeString(dir.resolve("not_a_key"), "hello\n");
    InvalidInputException unreadable =
        assertThrows(
            InvalidInputException.class,
            () -> SshRemoteHost.connect(lab.spec(0).withKeyPath(garbage)));
    assertTrue(
        unreadable.getMessage().contains("cannot read SSH key " + garbage),
        unreadable.getMessage());
  }

  @Test
  @DisplayName("a key the host does not accept is an authentication failure, not retried")
  void wrongKeyIsRefused() {
    UnreachableException failure =
        assertThrows(
            UnreachableException.class,
            () -> SshRemoteHost.connect(lab.spec(0).withKeyPath(lab.unauthorizedKey())));
    assertFalse(failure instanceof HostKeyRejectedException);
    assertTrue(failure.getMessage().contains("authentication failed"), failure.getMessage());
    assertTrue(failure.getMessage().startsWith("root@" + lab.host(0).address() + ":22"));
    assertEquals("root@" + lab.host(0).address() + ":22", failure.target());
  }

  @Test
  @DisplayName("a pinned host key must match exactly; known_hosts is then not needed")
  void pinnedHostKey() {
    Path noKnownHosts = dir.resolve("absent_known_hosts");
    ConnectionSpec pinned =
        lab.spec(0).withKnownHosts(noKnownHosts, false).withHostKey(lab.hostKey(0));
    try (SshRemoteHost host = SshRemoteHost.connect(pinned)) {
      assertEquals("node-1\n", host.exec("hostname").stdout());
    }
    HostKeyRejectedException failure =
        assertThrows(
            HostKeyRejectedException.class,
            () -> SshRemoteHost.connect(pinned.withHostKey(lab.hostKey(1))));
    assertEquals(HostKeyRejectedException.Reason.PINNED_MISMATCH, failure.reason());
    assertTrue(
        failure.getMessage().contains(HostKeys.fingerprint(lab.hostKey(0))), failure.getMessage());
    assertTrue(
        failure.getMessage().contains(HostKeys.fingerprint(lab.hostKey(1))), failure.getMessage());
    assertFalse(Files.exists(noKnownHosts), "a pinned key must not write known_hosts");
  }

  @Test
  @DisplayName("an unknown host key is refused unless new keys are accepted, then it is recorded")
  void unknownHostKey() throws Exception {
    Path knownHosts = dir.resolve("ssh/known_hosts");
    ConnectionSpec strict = lab.spec(1).withKnownHosts(knownHosts, false);
    HostKeyRejectedException failure =
        assertThrows(HostKeyRejectedException.class, () -> SshRemoteHost.connect(strict));
    assertEquals(HostKeyRejectedException.Reason.UNKNOWN, failure.reason());
    assertTrue(
        failure.getMessage().contains(HostKeys.fingerprint(lab.hostKey(1))), failure.getMessage());
    assertTrue(failure.hint().contains("--accept-new-host-keys"), failure.hint());
    assertFalse(Files.exists(knownHosts));

    try (SshRemoteHost host = SshRemoteHost.connect(lab.spec(1).withKnownHosts(knownHosts, true))) {
      assertEquals("node-2\n", host.exec("hostname").stdout());
    }
    assertEquals(
        List.of(lab.host(1).address() + " " + lab.hostKey(1)), Files.readAllLines(knownHosts));
    // now known: a strict connection succeeds and nothing is appended twice
    try (SshRemoteHost host = SshRemoteHost.connect(strict)) {
      assertTrue(host.isRoot());
    }
    assertEquals(1, Files.readAllLines(knownHosts).size());
  }

  @Test
  @DisplayName("a changed host key is refused, even with accept-new, naming host and both keys")
  void changedHostKeyIsAlwaysRefused() {
    String oldKey = lab.hostKey(2);
    try (SshRemoteHost host = SshRemoteHost.connect(lab.spec(2))) {
      assertTrue(host.isRoot());
    }
    String newKey = lab.regenerateHostKey(2);
    assertNotEquals(oldKey, newKey);
    for (boolean acceptNew : new boolean[] {false, true}) {
      HostKeyRejectedException failure =
          assertThrows(
              HostKeyRejectedException.class,
              () -> SshRemoteHost.connect(lab.spec(2).withKnownHosts(lab.knownHosts(), acceptNew)));
      assertEquals(HostKeyRejectedException.Reason.CHANGED, failure.reason());
      String message = failure.getMessage();
      assertTrue(message.contains(lab.host(2).address()), message);
      assertTrue(message.contains(HostKeys.fingerprint(oldKey)), message);
      assertTrue(message.contains(HostKeys.fingerprint(newKey)), message);
      assertEquals(HostKeys.fingerprint(newKey), failure.offeredFingerprint());
    }
  }

  @Test
  @DisplayName("upload goes through a temp file next to the destination, checked, then renamed")
  void uploadIsCheckedAndAtomic() throws Exception {
    byte[] content = new byte[5 * 1024 * 1024 + 3];
    new Random(7).nextBytes(content);
    Path local = dir.resolve("k0s");
    Files.write(local, content);
    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    try (SshRemoteHost host = SshRemoteHost.connect(lab.spec(0))) {
      host.upload(local, "/usr/local/bin/k0s", 0755);
      assertEquals(Optional.of(expected), host.sha256("/usr/local/bin/k0s"));
      host.writeFile("/etc/k0s/k0s.yaml", "apiVersion: x\n", 0600);
      assertEquals(Optional.of("apiVersion: x\n"), host.readFile("/etc/k0s/k0s.yaml"));
    }
    assertEquals(
        expected + "  /usr/local/bin/k0s\n", lab.execOk(0, "sha256sum /usr/local/bin/k0s"));
    assertEquals("755\n", lab.execOk(0, "stat -c %a /usr/local/bin/k0s"));
    assertEquals("600 root\n", lab.execOk(0, "stat -c '%a %U' /etc/k0s/k0s.yaml"));
    assertEquals("", lab.execOk(0, "ls -A /usr/local/bin | grep cfctl || true"), "temp file left");
    assertEquals(Optional.empty(), lab.file(1, "/usr/local/bin/k0s"));
    lab.execOk(0, "rm -f /usr/local/bin/k0s");
  }

  @Test
  @DisplayName("a non-root user with passwordless sudo runs commands and file operations as root")
  void sudoUser() {
    ConnectionSpec deploy =
        new ConnectionSpec(
            lab.host(0).address(),
            22,
            Lab.SUDO_USER,
            lab.clientKey(),
            null,
            null,
            lab.knownHosts(),
            false,
            Duration.ofSeconds(5),
            1,
            Duration.ofSeconds(10));
    try (SshRemoteHost host = SshRemoteHost.connect(deploy)) {
      assertFalse(host.isRoot());
      assertEquals("0\n", host.exec("id -u").stdout());
      assertEquals(
          Lab.SUDO_USER + "\n", host.exec("id -un", ExecOptions.defaults().asLoginUser()).stdout());
      assertEquals(
          "it's $HOME",
          host.exec(
                  "printf %s \"$V\"",
                  ExecOptions.defaults().withEnvironment(java.util.Map.of("V", "it's $HOME")))
              .stdout());
      host.writeFile("/etc/k0s/sudo-written", "via sudo\n", 0640);
      assertEquals(Optional.of("via sudo\n"), host.readFile("/etc/k0s/sudo-written"));
    }
    assertEquals("640 root\n", lab.execOk(0, "stat -c '%a %U' /etc/k0s/sudo-written"));
  }

  @Test
  @DisplayName("a non-root user without passwordless sudo gets a clear error")
  void userWithoutSudo() {
    ConnectionSpec plain =
        new ConnectionSpec(
            lab.host(0).address(),
            22,
            Lab.PLAIN_USER,
            lab.clientKey(),
            null,
            null,
            lab.knownHosts(),
            false,
            Duration.ofSeconds(5),
            1,
            Duration.ofSeconds(10));
    try (SshRemoteHost host = SshRemoteHost.connect(plain)) {
      assertEquals(
          Lab.PLAIN_USER + "\n",
          host.exec("id -un", ExecOptions.defaults().asLoginUser()).stdout());
      OperationFailedException failure =
          assertThrows(OperationFailedException.class, () -> host.exec("id -u"));
      assertTrue(
          failure.getMessage().contains("cannot run sudo without a password"),
          failure.getMessage());
      assertTrue(failure.hint().contains("NOPASSWD"));
    }
  }

  @Test
  @DisplayName("a command over SSH that outlives its timeout fails; the connection stays usable")
  void commandTimeout() {
    try (SshRemoteHost host = SshRemoteHost.connect(lab.spec(0))) {
      OperationFailedException failure =
          assertThrows(
              OperationFailedException.class,
              () ->
                  host.exec(
                      "sleep 20", ExecOptions.defaults().withTimeout(Duration.ofMillis(500))));
      assertTrue(failure.getMessage().contains("timed out"), failure.getMessage());
      assertEquals("still here\n", host.exec("echo still here").stdout());
    }
  }

  @Test
  @DisplayName("a host reached through a bastion")
  void bastion() {
    ConnectionSpec throughBastion = lab.spec(1).withBastion(lab.spec(0));
    try (SshRemoteHost host = SshRemoteHost.connect(throughBastion)) {
      assertEquals("node-2\n", host.exec("hostname").stdout());
      // sshd on node-2 sees the connection coming from node-1's address
      assertTrue(
          host.exec("echo $SSH_CLIENT").stdout().startsWith(lab.host(0).address() + " "),
          "not tunnelled through the bastion");
    }
  }

  @Test
  @DisplayName("a host that drops every packet times out within the connect timeout, no retry")
  void silentHost() {
    lab.unplug(1);
    try {
      ConnectionSpec spec =
          lab.spec(1).withRetries(Duration.ofSeconds(1), 0, Duration.ofSeconds(5));
      long started = System.nanoTime();
      UnreachableException failure =
          assertThrows(UnreachableException.class, () -> SshRemoteHost.connect(spec));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      assertTrue(
          elapsed.compareTo(spec.retryWindow()) < 0, "connect overran its bound: " + elapsed);
      assertTrue(failure.getMessage().contains("1 attempt"), failure.getMessage());
      assertTrue(
          failure.getMessage().contains("timed out")
              || failure.getMessage().contains("No route to host"),
          failure.getMessage());
    } finally {
      lab.plug(1);
    }
  }

  @AfterEach
  void restartStoppedHosts() {
    for (int i = 0; i < lab.size(); i++) {
      startIfStopped(i);
    }
  }

  private static void startIfStopped(int index) {
    if (!lab.isRunning(index)) {
      lab.start(index);
    }
  }

  @Test
  @DisplayName("a stopped host is unreachable within the retry bounds; its disk survives a restart")
  void stoppedHost() {
    SshRemoteHost open = SshRemoteHost.connect(lab.spec(1));
    lab.execOk(1, "mkdir -p /var/lib/k0s && echo kept > /var/lib/k0s/state && touch /run/volatile");
    lab.stop(1);
    try {
      assertThrows(UnreachableException.class, () -> open.exec("true"));
    } finally {
      open.close();
    }
    ConnectionSpec spec = lab.spec(1).withRetries(Duration.ofSeconds(2), 2, Duration.ofSeconds(10));
    long started = System.nanoTime();
    UnreachableException failure =
        assertThrows(UnreachableException.class, () -> SshRemoteHost.connect(spec));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(
        elapsed.compareTo(spec.retryWindow()) < 0, "retries overran their window: " + elapsed);
    assertEquals("root@" + lab.host(1).address() + ":22", failure.target());
    assertTrue(failure.getMessage().contains("Connection refused"), failure.getMessage());
    assertTrue(failure.getMessage().contains("3 attempts"), failure.getMessage());

    startIfStopped(1);
    try (SshRemoteHost host = SshRemoteHost.connect(lab.spec(1))) {
      assertEquals(Optional.of("kept\n"), host.readFile("/var/lib/k0s/state"));
      assertFalse(host.exists("/run/volatile"), "/run must be fresh after a restart");
    }
  }
}
