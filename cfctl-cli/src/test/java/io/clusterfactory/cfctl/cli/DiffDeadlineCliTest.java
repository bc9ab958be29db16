package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.testing.MisbehavingServer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cfctl diff --offline --timeout 10s} against a Git remote that accepts and says nothing
 * ends within its deadline with exit 3 naming the remote: the deadline is the feature, not a
 * performance target.
 */
@MockApiTier
class DiffDeadlineCliTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"ssh://git@%s/x.git", "https://%s/x.git"})
  void aSilentRemoteEndsTheDiffWithinItsDeadline(String url) throws Exception {
    try (MisbehavingServer silent = MisbehavingServer.silent()) {
      String remote = String.format(url, silent.hostPort());
      Path config = dir.resolve("cluster.yaml");
      Files.writeString(
          config,
          Files.readString(Path.of("../examples/network-only/cluster.yaml"))
              .replace("https://git.example.com/infra/edge.git", remote));
      long t0 = System.nanoTime();
      CliRun run =
          CliRun.of(
              "diff",
              "--no-hydrate",
              "--offline",
              "--timeout",
              "6s",
              "--accept-new-host-keys",
              config.toString());
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      assertEquals(3, run.exitCode(), run.err());
      assertTrue(run.err().contains(silent.hostPort()), run.err());
      assertTrue(seconds <= 6 + 4, "ended after " + seconds + " s");
    }
  }
}
