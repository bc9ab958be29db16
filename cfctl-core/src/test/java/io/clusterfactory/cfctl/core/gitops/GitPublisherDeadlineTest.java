package io.clusterfactory.cfctl.core.gitops;

import static io.clusterfactory.cfctl.core.gitops.BareRepos.createBare;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.error.DeadlineAssertions;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.clusterfactory.cfctl.testing.MisbehavingServer;
import io.clusterfactory.cfctl.testing.SshdTier;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Git remote that misbehaves (over ssh://, http:// and https://) makes a fetch or push fail
 * within the publisher's timeout, as an UnreachableException naming the remote.
 */
@SshdTier
class GitPublisherDeadlineTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Duration LIMIT = TIMEOUT.plusSeconds(4);

  @TempDir static Path serverDir;
  @TempDir Path tmp;
  private static ThrowawaySshd sshd;
  private MisbehavingServer server;

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = ThrowawaySshd.start(serverDir.resolve("sshd"));
    // loads JGit and Apache MINA sshd once: on a busy machine the first SSH session of a JVM
    // spends seconds loading classes, which is not what these tests measure
    Path bare = createBare(serverDir.resolve("warm.git"));
    Path knownHosts = Files.writeString(serverDir.resolve("known_hosts"), sshd.knownHostsLine());
    GitAuth auth =
        new GitAuth(
            serverDir.resolve("home/.ssh"),
            List.of(sshd.clientKey),
            knownHosts,
            HostKeyPolicy.STRICT,
            null,
            null);
    new GitPublisher(serverDir.resolve("cache"), auth)
        .publish(
            new GitopsSpec.Repository(sshd.url(bare), "main", "clusters/lab"),
            BareRepos.tree("warm.yaml", "warm: true\n"),
            CommitOptions.defaults(),
            new MutationGuard(false));
  }

  @AfterAll
  static void stopSshd() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
  }

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  private GitPublisher publisher(Path knownHosts) {
    GitAuth auth =
        new GitAuth(
            tmp.resolve("home/.ssh"),
            List.of(sshd.clientKey),
            knownHosts,
            HostKeyPolicy.STRICT,
            null,
            null);
    return new GitPublisher(tmp.resolve("cache"), auth).withTimeout(TIMEOUT);
  }

  private static UnreachableException failsWithin(Executable action) {
    return DeadlineAssertions.failsWithin(LIMIT, action);
  }

  static Stream<Arguments> misbehavingRemotes() {
    Supplier<MisbehavingServer> silent = MisbehavingServer::silent;
    Supplier<MisbehavingServer> garbage = MisbehavingServer::garbage;
    Supplier<MisbehavingServer> sshReset =
        () -> MisbehavingServer.resetting("SSH-2.0-OpenSSH_9.6\r\n");
    Supplier<MisbehavingServer> sshTrickle =
        () -> MisbehavingServer.trickling("SSH-2.0-OpenSSH_9.6 trickled");
    Supplier<MisbehavingServer> httpTrickleHead =
        () -> MisbehavingServer.trickling("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
    Supplier<MisbehavingServer> httpTrickleBody =
        () ->
            MisbehavingServer.tricklingAfter(
                "HTTP/1.1 200 OK\r\n"
                    + "Content-Type: application/x-git-upload-pack-advertisement\r\n"
                    + "Content-Length: 500\r\n\r\n",
                "001e# service=git-upload-pack\n0000" + "0".repeat(400));
    Supplier<MisbehavingServer> httpReset =
        () -> MisbehavingServer.resetting("HTTP/1.1 200 OK\r\n");
    return Stream.of(
        Arguments.of("ssh", "silent", silent),
        Arguments.of("ssh", "garbage", garbage),
        Arguments.of("ssh", "reset", sshReset),
        Arguments.of("ssh", "trickle", sshTrickle),
        Arguments.of("http", "silent", silent),
        Arguments.of("http", "garbage", garbage),
        Arguments.of("http", "reset", httpReset),
        Arguments.of("http", "trickled headers", httpTrickleHead),
        Arguments.of("http", "trickled body", httpTrickleBody),
        // the TLS handshake never completes
        Arguments.of("https", "silent", silent),
        Arguments.of("https", "trickle", httpTrickleHead));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("misbehavingRemotes")
  void aMisbehavingRemoteFailsTheFetchWithinTheTimeout(
      String scheme, String behaviour, Supplier<MisbehavingServer> start) {
    server = start.get();
    String user = scheme.equals("ssh") ? "git@" : "";
    String url = scheme + "://" + user + server.hostPort() + "/x.git";
    GitopsSpec.Repository repo = new GitopsSpec.Repository(url, "main", "clusters/lab");
    GitPublisher publisher = publisher(tmp.resolve("known_hosts"));
    UnreachableException error = failsWithin(() -> publisher.readTree(repo, null));
    assertTrue(error.getMessage().contains(server.hostPort()), error.getMessage());
    assertTrue(error.getMessage().startsWith("fetching from "), error.getMessage());
  }

  /** A tree too large to pass a proxy that stalls after 256 KiB. */
  private static SortedMap<String, byte[]> bigTree() {
    byte[] blob = new byte[4 * 1024 * 1024];
    new Random(3).nextBytes(blob);
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("blob.bin", blob);
    return files;
  }

  private Path knownHostsFor(int port) throws Exception {
    Path file = tmp.resolve("known_hosts_" + port);
    String line = sshd.knownHostsLine();
    Files.writeString(file, line + line.replace(":" + sshd.port + " ", ":" + port + " "));
    return file;
  }

  @Test
  void aCloneThatStallsMidTransferFailsWithinTheTimeout() throws Exception {
    Path bare = createBare(tmp.resolve("remote.git"));
    GitopsSpec.Repository direct =
        new GitopsSpec.Repository(sshd.url(bare), "main", "clusters/lab");
    GitAuth auth =
        new GitAuth(
            tmp.resolve("home/.ssh"),
            List.of(sshd.clientKey),
            knownHostsFor(sshd.port),
            HostKeyPolicy.STRICT,
            null,
            null);
    new GitPublisher(tmp.resolve("seed-cache"), auth)
        .publish(direct, bigTree(), CommitOptions.defaults(), new MutationGuard(false));

    server =
        MisbehavingServer.stallingProxy(new InetSocketAddress("127.0.0.1", sshd.port), 256 * 1024);
    String viaProxy = sshd.url(bare).replace(":" + sshd.port + "/", ":" + server.port() + "/");
    GitopsSpec.Repository repo = new GitopsSpec.Repository(viaProxy, "main", "clusters/lab");
    GitPublisher publisher = publisher(knownHostsFor(server.port()));
    UnreachableException error = failsWithin(() -> publisher.readTree(repo, null));
    assertTrue(
        server.isStalled(),
        "the proxy passed " + server.passed() + " bytes, not stalled: " + error.getMessage());
    assertTrue(error.getMessage().contains(server.hostPort()), error.getMessage());
  }

  @Test
  void aPushThatStallsMidTransferFailsWithinTheTimeout() throws Exception {
    Path bare = createBare(tmp.resolve("remote.git"));
    server =
        MisbehavingServer.stallingProxy(new InetSocketAddress("127.0.0.1", sshd.port), 256 * 1024);
    String viaProxy = sshd.url(bare).replace(":" + sshd.port + "/", ":" + server.port() + "/");
    GitopsSpec.Repository repo = new GitopsSpec.Repository(viaProxy, "main", "clusters/lab");
    GitPublisher publisher = publisher(knownHostsFor(server.port()));
    UnreachableException error =
        failsWithin(
            () ->
                publisher.publish(
                    repo, bigTree(), CommitOptions.defaults(), new MutationGuard(false)));
    assertTrue(
        server.isStalled(),
        "the proxy passed " + server.passed() + " bytes, not stalled: " + error.getMessage());
    assertTrue(error.getMessage().startsWith("pushing to "), error.getMessage());
    assertTrue(error.getMessage().contains(server.hostPort()), error.getMessage());
  }
}
