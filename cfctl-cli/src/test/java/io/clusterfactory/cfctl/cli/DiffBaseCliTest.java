package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff --offline --base REF} where REF cannot exist: invalid input (exit 2), never an
 * unreachable remote, when the repository is a local path (file:// opens no socket).
 */
class DiffBaseCliTest {

  @Test
  void aBaseInALocalRepositoryThatDoesNotExistIsInvalidInput(@TempDir Path dir) throws Exception {
    // examples/single names file:///srv/gitops.git, which no test machine has: point it at a
    // path that surely does not exist, as the report ran it
    Path missing = dir.resolve("srv/gitops.git");
    Path cfg = dir.resolve("cluster.yaml");
    Files.writeString(
        cfg,
        Files.readString(Path.of("../examples/single/cluster.yaml"))
            .replace("file:///srv/gitops.git", missing.toUri().toString()));

    CliRun run =
        CliRun.of("diff", "--no-hydrate", cfg.toString(), "--offline", "--base", "no-such-ref");

    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("no-such-ref"), run.err());
    assertTrue(run.err().contains(missing.toString()), run.err());
  }
}
