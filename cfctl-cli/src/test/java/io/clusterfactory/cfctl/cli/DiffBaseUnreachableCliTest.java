package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.testing.MockApiTier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other side of {@link DiffBaseCliTest}: with {@code --base}, a remote that really cannot be
 * reached stays exit 3 (unreachable), not invalid input. Tagged: it connects to a closed port.
 */
@MockApiTier
class DiffBaseUnreachableCliTest {

  @Test
  void aBaseOnARemoteThatCannotBeReachedIsUnreachable(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/gitops.git";
    Path cfg = dir.resolve("cluster.yaml");
    Files.writeString(
        cfg,
        Files.readString(Path.of("../examples/single/cluster.yaml"))
            .replace("file:///srv/gitops.git", url));

    CliRun run =
        CliRun.of("diff", "--no-hydrate", cfg.toString(), "--offline", "--base", "no-such-ref");

    assertEquals(3, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("127.0.0.1:" + port), run.err());
  }
}
