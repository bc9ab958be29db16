package io.clusterfactory.cfctl.grendel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.config.GrendelApiSpec;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.clusterfactory.cfctl.testing.UnixMisbehavingServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Grendel client over its unix socket against peers that misbehave (issue 13, "Adversarial
 * peers"): each ends as UNREACHABLE (exit 3 through GrendelNodesAction) within the deadline, and
 * the message names the socket, the request it waited on and what went wrong.
 */
@MockApiTier
class GrendelUnixSocketPeersTest {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  private static final int ATTEMPTS = 2;
  private static final ClientOptions QUICK =
      new ClientOptions(Duration.ofSeconds(1), REQUEST_TIMEOUT, ATTEMPTS, Duration.ofMillis(10));

  /** Every attempt bounded by the request timeout; the margin covers the JVM, not the peer. */
  private static final Duration DEADLINE = REQUEST_TIMEOUT.multipliedBy(ATTEMPTS);

  private static final Duration MARGIN = Duration.ofMillis(1500);

  /** A well-formed answer the peers cut, stall or trickle. */
  private static final String ANSWER =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]";

  @TempDir Path tempDir;

  static Stream<Arguments> peers() {
    return Stream.of(
        peer("garbage", UnixMisbehavingServer::garbage, "not an HTTP response"),
        peer(
            "closed mid-answer",
            path -> UnixMisbehavingServer.closingMidAnswer(path, ANSWER, 30),
            "incomplete HTTP response"),
        peer(
            "trickling one byte a second",
            path -> UnixMisbehavingServer.trickling(path, ANSWER),
            "no complete answer to GET"),
        peer(
            "stalling after the headers",
            path -> UnixMisbehavingServer.stallingAfter(path, ANSWER, ANSWER.length() - 2),
            "no complete answer to GET"));
  }

  private static Arguments peer(
      String name, Function<Path, UnixMisbehavingServer> server, String expected) {
    return Arguments.of(name, server, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("peers")
  void aMisbehavingSocketEndsWithinTheDeadline(
      String name, Function<Path, UnixMisbehavingServer> factory, String expected) {
    Path socket = tempDir.resolve("grendel-api.socket");
    try (UnixMisbehavingServer peer = factory.apply(socket);
        GrendelClient client =
            GrendelClients.create(
                new GrendelApiSpec(null, socket.toString(), null),
                ApiGeneration.LEGACY,
                variable -> null,
                QUICK)) {
      long start = System.nanoTime();
      GrendelApiException error = assertThrows(GrendelApiException.class, client::listNodes);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      assertEquals(GrendelApiException.Kind.UNREACHABLE, error.kind(), error.getMessage());
      String message = error.getMessage();
      assertTrue(message.contains(socket.toString()), message);
      assertTrue(message.contains("GET /"), "names the request it waited on: " + message);
      assertTrue(message.contains(expected), message);
      assertTrue(message.contains(ATTEMPTS + " attempts"), message);
      assertTrue(
          elapsed.compareTo(DEADLINE.plus(MARGIN)) < 0,
          name + " took " + elapsed.toMillis() + " ms, deadline " + DEADLINE.toMillis() + " ms");
      assertEquals(ATTEMPTS, peer.accepted(), "each attempt reached the peer");
    }
  }
}
