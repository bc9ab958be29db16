package io.clusterfactory.cfctl.core.gitops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on 127.0.0.1 and a random port, with its own host key and authorized_keys,
 * for Git over SSH. Runs {@code /usr/sbin/sshd -D -f <temp config>}; needs root (to log in as root)
 * and fails loudly when sshd is missing.
 */
final class ThrowawaySshd implements AutoCloseable {
  static final Path SSHD = Path.of("/usr/sbin/sshd");

  final Path dir;
  final int port;
  final Path hostKey;
  final Path clientKey;
  private final Process process;

  private ThrowawaySshd(Path dir, int port, Path hostKey, Path clientKey, Process process) {
    this.dir = dir;
    this.port = port;
    this.hostKey = hostKey;
    this.clientKey = clientKey;
    this.process = process;
  }

  static ThrowawaySshd start(Path dir) throws Exception {
    assertTrue(
        Files.isExecutable(SSHD),
        SSHD + " is missing: install openssh-server; the SSH transport test needs a real sshd");
    Files.createDirectories(dir);
    Path hostKey = dir.resolve("host_ed25519");
    Path clientKey = dir.resolve("client_ed25519");
    keygen(hostKey);
    keygen(clientKey);
    Files.copy(clientKey.resolveSibling("client_ed25519.pub"), dir.resolve("authorized_keys"));
    // sshd refuses to start without its privilege separation directory
    Files.createDirectories(Path.of("/run/sshd"));
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("sshd_config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + hostKey,
            "PidFile " + dir.resolve("sshd.pid"),
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "StrictModes no",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "UsePAM no",
            "LogLevel ERROR",
            ""));
    Process process =
        new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    ThrowawaySshd sshd = new ThrowawaySshd(dir, port, hostKey, clientKey, process);
    sshd.awaitListening();
    return sshd;
  }

  private void awaitListening() throws Exception {
    for (int i = 0; i < 100; i++) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "sshd exited: " + Files.readString(dir.resolve("sshd.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("sshd did not listen on port " + port);
  }

  /** The known_hosts line for this server. */
  String knownHostsLine() throws IOException {
    String pub = Files.readString(hostKey.resolveSibling("host_ed25519.pub")).trim();
    String[] parts = pub.split("\\s+");
    return "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n";
  }

  String url(Path bareRepo) {
    return "ssh://root@127.0.0.1:" + port + bareRepo.toAbsolutePath();
  }

  private static void keygen(Path key) throws Exception {
    Process p =
        new ProcessBuilder(
                List.of(
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    "cfctl-test",
                    "-f",
                    key.toString()))
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "ssh-keygen failed");
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
