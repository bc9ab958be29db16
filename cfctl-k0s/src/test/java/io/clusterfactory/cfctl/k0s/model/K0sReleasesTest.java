package io.clusterfactory.cfctl.k0s.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The channel files are served on loopback here, the way docs.k0sproject.io serves them. */
@MockApiTier
class K0sReleasesTest {
  HttpServer server;
  URI base;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serve("/stable.txt", 200, "v1.32.4+k0s.0\n");
    serve("/latest.txt", 200, "v1.33.0-rc.1+k0s.0\n");
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  void serve(String path, int status, String body) {
    server.createContext(
        path,
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void readsTheChannelFile() {
    assertEquals(K0sVersion.parse("v1.32.4+k0s.0"), K0sReleases.newest(base, "stable"));
    assertEquals(K0sVersion.parse("v1.33.0-rc.1+k0s.0"), K0sReleases.newest(base, "latest"));
  }

  @Test
  void garbageIsAFailureNotAVersion() {
    serve("/bad/stable.txt", 200, "<html>moved</html>");
    assertThrows(
        OperationFailedException.class, () -> K0sReleases.newest(base.resolve("bad/"), "stable"));
    assertThrows(
        OperationFailedException.class, () -> K0sReleases.newest(base.resolve("none/"), "stable"));
  }

  @Test
  void aServerThatIsDownIsUnreachable() {
    URI closed = URI.create("http://127.0.0.1:1/");
    assertThrows(UnreachableException.class, () -> K0sReleases.newest(closed, "stable"));
  }
}
