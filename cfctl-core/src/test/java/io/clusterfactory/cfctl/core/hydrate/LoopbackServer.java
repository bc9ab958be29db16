package io.clusterfactory.cfctl.core.hydrate;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An HTTP server on 127.0.0.1 (an ephemeral port) that answers each GET with the bytes {@code
 * bodies} gives for its path, or 404 when it gives none, and records every path asked.
 */
public final class LoopbackServer implements AutoCloseable {
  private final HttpServer server;
  private final List<String> asked = new ArrayList<>();

  private LoopbackServer(Function<String, byte[]> bodies) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          synchronized (asked) {
            asked.add(path);
          }
          byte[] body = bodies.apply(path);
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
  }

  public static LoopbackServer serve(Function<String, byte[]> bodies) throws IOException {
    return new LoopbackServer(bodies);
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Every path asked so far, in order. */
  public List<String> asked() {
    synchronized (asked) {
      return List.copyOf(asked);
    }
  }

  /** How many requests were made. */
  public int hits() {
    return asked().size();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
