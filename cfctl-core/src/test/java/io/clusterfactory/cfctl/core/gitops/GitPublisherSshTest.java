package io.clusterfactory.cfctl.core.gitops;

import static io.clusterfactory.cfctl.core.gitops.BareRepos.createBare;
import static io.clusterfactory.cfctl.core.gitops.BareRepos.files;
import static io.clusterfactory.cfctl.core.gitops.BareRepos.head;
import static io.clusterfactory.cfctl.core.gitops.BareRepos.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.clusterfactory.cfctl.testing.SshdTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git over a real OpenSSH server through JGit's Apache MINA sshd transport, host keys checked. */
@SshdTier
class GitPublisherSshTest {
  @TempDir static Path serverDir;
  @TempDir Path tmp;
  private static ThrowawaySshd sshd;
  private Path bare;
  private GitopsSpec.Repository spec;
  private Path knownHosts;

  private static final SortedMap<String, byte[]> TREE =
      tree("root.yaml", "kind: Application\n", "network/metallb.yaml", "version: 1\n");

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = ThrowawaySshd.start(serverDir.resolve("sshd"));
  }

  @AfterAll
  static void stopSshd() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    bare = createBare(tmp.resolve("remote.git"));
    spec = new GitopsSpec.Repository(sshd.url(bare), "main", "clusters/lab");
    knownHosts = tmp.resolve("home/.ssh/known_hosts");
    Files.createDirectories(knownHosts.getParent());
  }

  private GitPublisher publisher(HostKeyPolicy policy) {
    GitAuth auth =
        new GitAuth(
            tmp.resolve("home/.ssh"), List.of(sshd.clientKey), knownHosts, policy, null, null);
    return new GitPublisher(tmp.resolve("cache"), auth);
  }

  @Test
  @DisplayName("publishes and reads back over ssh:// when the host key is in known_hosts")
  void publishOverSsh() throws Exception {
    Files.writeString(knownHosts, sshd.knownHostsLine());
    GitPublisher publisher = publisher(HostKeyPolicy.STRICT);

    PublishResult result =
        publisher.publish(spec, TREE, CommitOptions.defaults(), new MutationGuard(false));
    PublishResult again =
        publisher.publish(spec, TREE, CommitOptions.defaults(), new MutationGuard(false));
    TreeSnapshot read = publisher.readTree(spec, "main");

    assertEquals(PublishResult.Outcome.COMMITTED, result.outcome());
    assertEquals(head(bare, "main").name(), result.commitId());
    assertEquals(
        "version: 1\n", files(bare, head(bare, "main")).get("clusters/lab/network/metallb.yaml"));
    assertEquals(PublishResult.Outcome.UNCHANGED, again.outcome());
    assertEquals(TREE.keySet(), read.files().keySet());
  }

  @Test
  @DisplayName("hashed known_hosts entries (ssh-keygen -H) are matched")
  void hashedKnownHosts() throws Exception {
    Files.writeString(knownHosts, sshd.knownHostsLine());
    Process hash =
        new ProcessBuilder("ssh-keygen", "-q", "-H", "-f", knownHosts.toString())
            .redirectErrorStream(true)
            .start();
    assertEquals(0, hash.waitFor());
    assertTrue(Files.readString(knownHosts).startsWith("|1|"), Files.readString(knownHosts));

    PublishResult result =
        publisher(HostKeyPolicy.STRICT)
            .publish(spec, TREE, CommitOptions.defaults(), new MutationGuard(false));

    assertEquals(PublishResult.Outcome.COMMITTED, result.outcome());
  }

  @Test
  @DisplayName("an unknown host key is refused by default, with the fingerprint and file named")
  void unknownHostRefused() throws Exception {
    UnreachableException e =
        assertThrows(
            UnreachableException.class,
            () ->
                publisher(HostKeyPolicy.STRICT)
                    .publish(spec, TREE, CommitOptions.defaults(), new MutationGuard(false)));

    assertTrue(e.getMessage().contains("unknown host key SHA256:"), e.getMessage());
    assertTrue(e.getMessage().contains(knownHosts.toString()), e.getMessage());
    assertNull(head(bare, "main"));
    assertFalse(Files.exists(knownHosts), "nothing recorded under the strict policy");
  }

  @Test
  @DisplayName("accept-new records an unknown host key and publishes")
  void acceptNewRecordsKey() throws Exception {
    PublishResult result =
        publisher(HostKeyPolicy.ACCEPT_NEW)
            .publish(spec, TREE, CommitOptions.defaults(), new MutationGuard(false));

    assertEquals(PublishResult.Outcome.COMMITTED, result.outcome());
    String recorded = Files.readString(knownHosts);
    String expectedKey = sshd.knownHostsLine().split(" ")[2].trim();
    assertTrue(recorded.startsWith("[127.0.0.1]:" + sshd.port + " ssh-ed25519 "), recorded);
    assertTrue(recorded.contains(expectedKey), recorded);
    // and the recorded key is then trusted under the strict policy
    assertEquals(
        PublishResult.Outcome.UNCHANGED,
        publisher(HostKeyPolicy.STRICT)
            .publish(spec, TREE, CommitOptions.defaults(), new MutationGuard(false))
            .outcome());
  }

  @Test
  @DisplayName("a changed host key is refused even with accept-new, and known_hosts is kept")
  void changedHostKeyRefused() throws Exception {
    String other =
        "[127.0.0.1]:"
            + sshd.port
            + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGbN5m9Xf8r7pWq0d1m6m0b4Xv4mZ4v3Gm1cT0s8x9Qk\n";
    Files.writeString(knownHosts, other);

    UnreachableException e =
        assertThrows(
            UnreachableException.class,
            () ->
                publisher(HostKeyPolicy.ACCEPT_NEW)
                    .publish(spec, TREE, CommitOptions.defaults(), new MutationGuard(false)));

    assertTrue(e.getMessage().contains("CHANGED"), e.getMessage());
    assertEquals(other, Files.readString(knownHosts));
    assertNull(head(bare, "main"));
  }
}
