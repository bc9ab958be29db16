package io.clusterfactory.cfctl.k0s.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release server that answers the headers of a 200 and then stops sending, in the middle of the
 * binary (or of an image bundle, fetched the same way) or of the checksum list: the download ends
 * by the run's deadline, and a list that cannot be read is an error, never a reason to take the
 * file unchecked.
 */
@MockApiTier
class K0sBinaryDownloadStallTest {
  @TempDir Path dir;

  /** Serves every request from {@code server}; {@code stallOnSums}: the list stalls too. */
  static Thread serve(ServerSocket server, boolean stallOnSums) {
    Thread peer =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  byte[] buf = new byte[8192];
                  int n = s.getInputStream().read(buf);
                  String request = new String(buf, 0, Math.max(0, n), StandardCharsets.US_ASCII);
                  OutputStream out = s.getOutputStream();
                  if (request.contains("sha256sums.txt") && !stallOnSums) {
                    out.write(
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.close();
                    continue;
                  }
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(100))
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  // keep the connection open and silent
                  new Thread(
                          () -> {
                            try {
                              Thread.sleep(30_000);
                              s.close();
                            } catch (Exception e) {
                              // the test is over
                            }
                          })
                      .start();
                } catch (Exception e) {
                  return;
                }
              }
            });
    peer.setDaemon(true);
    peer.start();
    return peer;
  }

  void assertEndsByTheDeadline(boolean stallOnSums, String expected) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      serve(server, stallOnSums);
      String template = "http://127.0.0.1:" + server.getLocalPort() + "/%v/k0s-%v-%p";
      Path target = dir.resolve("k0s");
      long start = System.nanoTime();
      OperationFailedException e =
          assertThrows(
              OperationFailedException.class,
              () ->
                  K0sBinaryDownload.fetch(
                      template,
                      "v1.31.2+k0s.0",
                      "amd64",
                      target,
                      Instant.now().plus(Duration.ofSeconds(2))));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 5_000, "ended after " + ms + " ms");
      assertTrue(e.getMessage().contains(expected), e.getMessage());
      assertFalse(Files.exists(target), "nothing half-downloaded is left as the binary");
    }
  }

  @Test
  void aBinaryThatStopsHalfWayEndsByTheDeadline() throws Exception {
    assertEndsByTheDeadline(false, "k0s v1.31.2+k0s.0 (amd64)");
  }

  @Test
  void aChecksumListThatStopsHalfWayIsAnErrorNotAnUncheckedDownload() throws Exception {
    assertEndsByTheDeadline(true, "sha256sums.txt");
  }
}
