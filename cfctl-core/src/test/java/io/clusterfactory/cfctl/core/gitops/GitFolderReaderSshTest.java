package io.clusterfactory.cfctl.core.gitops;

import static io.clusterfactory.cfctl.core.gitops.BareRepos.createBare;
import static io.clusterfactory.cfctl.core.gitops.BareRepos.pushFromElsewhere;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.testing.SshdTier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chart folder read over ssh:// with the publisher's keys and known_hosts checking. */
@SshdTier
class GitFolderReaderSshTest {
  @TempDir static Path serverDir;
  @TempDir Path tmp;
  private static ThrowawaySshd sshd;

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

  private GitFolderReader reader(Path knownHosts) {
    return new GitFolderReader(
        tmp.resolve("cache"),
        new GitAuth(
            tmp.resolve("home/.ssh"),
            List.of(sshd.clientKey),
            knownHosts,
            HostKeyPolicy.STRICT,
            null,
            null));
  }

  @Test
  void readsAFolderAtABranchAndAtACommitOverSshAndRefusesAnUnknownHost() throws Exception {
    Path bare = createBare(tmp.resolve("charts.git"));
    ObjectId commit =
        pushFromElsewhere(
            bare,
            tmp.resolve("w"),
            "main",
            Map.of("charts/demo/Chart.yaml", "name: demo\n", "other/x.yaml", "x: 1\n"));
    Path knownHosts = tmp.resolve("home/.ssh/known_hosts");
    Files.createDirectories(knownHosts.getParent());
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));

    Path empty = tmp.resolve("empty_known_hosts");
    Files.writeString(empty, "");
    UnreachableException refused =
        assertThrows(
            UnreachableException.class,
            () -> reader(empty).read(sshd.url(bare), "main", "charts/demo", deadline));
    assertTrue(refused.getMessage().contains("unknown host key"), refused.getMessage());

    Files.writeString(knownHosts, sshd.knownHostsLine());
    TreeSnapshot read = reader(knownHosts).read(sshd.url(bare), "main", "charts/demo", deadline);
    assertEquals(commit.name(), read.commitId());
    assertEquals(List.of("Chart.yaml"), List.copyOf(read.files().keySet()));
    assertEquals(
        "name: demo\n", new String(read.files().get("Chart.yaml"), StandardCharsets.UTF_8));
    TreeSnapshot byCommit =
        reader(knownHosts).read(sshd.url(bare), commit.name(), "./charts/demo/", deadline);
    assertEquals(read.files().keySet(), byCommit.files().keySet());
    assertEquals(
        "x: 1\n",
        new String(
            reader(knownHosts).file(sshd.url(bare), commit.name(), "other/x.yaml").orElseThrow(),
            StandardCharsets.UTF_8));
  }
}
