package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A registry that answers the headers of a 200 and then stops sending: the read ends by the run's
 * deadline (the HTTP client's own request timeout would end at the headers and leave the body's
 * reader waiting forever).
 */
@MockApiTier
class RegistryStallTest {
  @Test
  void aBodyThatStopsHalfWayEndsByTheDeadline() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread peer =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  InputStream in = s.getInputStream();
                  in.read(new byte[8192]);
                  OutputStream out = s.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              + "Content-Length: 1000\r\n\r\n{\"schemaVersion\":")
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  Thread.sleep(30_000);
                } catch (Exception e) {
                  // the client gave up: the test is over
                }
              });
      peer.setDaemon(true);
      peer.start();
      ImageDigests digests =
          new ImageDigests(RegistryCredentials.none(), Instant.now().plus(Duration.ofSeconds(2)));
      long start = System.nanoTime();
      OperationFailedException e =
          assertThrows(
              OperationFailedException.class,
              () -> digests.resolve("127.0.0.1:" + server.getLocalPort() + "/org/app:1.0"));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 5_000, "ended after " + ms + " ms");
      assertTrue(e.getMessage().contains("127.0.0.1:" + server.getLocalPort()), e.getMessage());
      peer.interrupt();
    }
  }
}
