package io.clusterfactory.cfctl.k0s.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.testing.MisbehavingServer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that accepts TCP and then misbehaves makes the connection fail within the SSH timeout,
 * with exit 3 and a message naming the peer and what was awaited.
 */
@MockApiTier
class SshDeadlineTest {
  private static final Duration SSH_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration MARGIN = Duration.ofSeconds(3);

  @TempDir Path dir;
  private MisbehavingServer server;

  /**
   * Loads sshj and its crypto once before any timed test: on a busy machine the first key exchange
   * of a JVM spends seconds loading classes, which is not what these tests measure.
   */
  @BeforeAll
  static void warmUp(@TempDir Path warmDir) throws IOException {
    try (MisbehavingServer reset = MisbehavingServer.resetting("SSH-2.0-OpenSSH_9.6\r\n")) {
      Path key = Files.writeString(warmDir.resolve("key"), "unused");
      ConnectionSpec spec =
          ConnectionSpec.of(reset.host(), reset.port(), "root")
              .withKeyPath(key)
              .withKnownHosts(warmDir.resolve("known_hosts"), true)
              .withRetries(Duration.ofSeconds(2), 0, Duration.ofSeconds(10));
      assertThrows(UnreachableException.class, () -> SshRemoteHost.connect(spec).close());
    }
  }

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  private ConnectionSpec spec() throws IOException {
    // the key is never read: no attempt gets as far as authentication
    Path key = Files.writeString(dir.resolve("id_ed25519"), "unused");
    return ConnectionSpec.of(server.host(), server.port(), "root")
        .withKeyPath(key)
        .withKnownHosts(dir.resolve("known_hosts"), true)
        .withRetries(Duration.ofSeconds(2), 0, Duration.ofSeconds(10))
        .withSshTimeout(SSH_TIMEOUT);
  }

  private UnreachableException connectFails(Duration limit) throws IOException {
    ConnectionSpec spec = spec();
    long started = System.nanoTime();
    UnreachableException error =
        assertThrows(UnreachableException.class, () -> SshRemoteHost.connect(spec).close());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(
        elapsed.compareTo(limit) < 0,
        "took " + elapsed + ", more than " + limit + ": " + error.getMessage());
    assertEquals(3, error.exitCode().code());
    assertTrue(error.getMessage().contains(server.hostPort()), error.getMessage());
    assertEquals(1, server.accepted(), "attempts");
    return error;
  }

  @Test
  void aHostThatSendsNoBannerFailsWithinTheSshTimeout() throws IOException {
    server = MisbehavingServer.silent();
    UnreachableException error = connectFails(SSH_TIMEOUT.plus(MARGIN));
    assertTrue(
        error.getMessage().startsWith("root@" + server.hostPort() + ": no SSH banner within 3s"),
        error.getMessage());
  }

  @Test
  void aBannerTrickledAByteASecondFailsWithinTheSshTimeout() throws IOException {
    // every read gets a byte within a second: a per-read timeout alone would wait for ever
    server = MisbehavingServer.trickling("SSH-2.0-OpenSSH_9.6 trickled for ever");
    UnreachableException error = connectFails(SSH_TIMEOUT.plus(MARGIN));
    assertTrue(error.getMessage().contains(": no SSH banner within 3s"), error.getMessage());
  }

  @Test
  void garbageInsteadOfABannerFailsWithinTheSshTimeout() throws IOException {
    server = MisbehavingServer.garbage();
    connectFails(SSH_TIMEOUT.plus(MARGIN));
  }

  @Test
  void aResetAfterTheBannerFailsAtOnce() throws IOException {
    server = MisbehavingServer.resetting("SSH-2.0-OpenSSH_9.6\r\n");
    UnreachableException error = connectFails(SSH_TIMEOUT.plus(MARGIN));
    assertTrue(error.getMessage().contains("cannot connect"), error.getMessage());
  }

  @Test
  void aBannerAndThenSilenceFailsAwaitingTheKeyExchange() throws IOException {
    server = MisbehavingServer.tricklingAfter("SSH-2.0-OpenSSH_9.6\r\n", "\0");
    UnreachableException error = connectFails(SSH_TIMEOUT.plus(MARGIN));
    assertTrue(
        error.getMessage().contains(": no end of key exchange within 3s"), error.getMessage());
  }
}
