package io.clusterfactory.cfctl.grendel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.config.GrendelApiSpec;
import io.clusterfactory.cfctl.testing.MisbehavingServer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A Grendel API that misbehaves makes a call fail within its deadline, naming the endpoint. */
@MockApiTier
class GrendelClientDeadlineTest {
  private static final Duration REQUEST = Duration.ofSeconds(2);
  private static final int ATTEMPTS = 2;
  private static final ClientOptions OPTIONS =
      new ClientOptions(Duration.ofSeconds(2), REQUEST, ATTEMPTS, Duration.ofMillis(10));

  /** Every attempt may use its whole deadline; the margin covers the JVM and a busy machine. */
  private static final Duration LIMIT = REQUEST.multipliedBy(ATTEMPTS).plusSeconds(3);

  private MisbehavingServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  static Stream<Arguments> behaviours() {
    Supplier<MisbehavingServer> silent = MisbehavingServer::silent;
    Supplier<MisbehavingServer> garbage = MisbehavingServer::garbage;
    Supplier<MisbehavingServer> reset = () -> MisbehavingServer.resetting("HTTP/1.1 200 OK\r\n");
    Supplier<MisbehavingServer> trickleHead =
        () -> MisbehavingServer.trickling("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]");
    Supplier<MisbehavingServer> trickleBody =
        () ->
            MisbehavingServer.tricklingAfter(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n",
                "[" + " ".repeat(398) + "]");
    return Stream.of(
        Arguments.of("silent", silent),
        Arguments.of("garbage", garbage),
        Arguments.of("reset", reset),
        Arguments.of("trickled headers", trickleHead),
        Arguments.of("trickled body", trickleBody));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("behaviours")
  void aMisbehavingApiFailsWithinTheDeadline(String name, Supplier<MisbehavingServer> start) {
    server = start.get();
    String url = "http://" + server.hostPort();
    GrendelApiSpec api = new GrendelApiSpec(url, null, null);
    long started = System.nanoTime();
    try (GrendelClient client =
        GrendelClients.create(api, ApiGeneration.LEGACY, variable -> null, OPTIONS)) {
      GrendelApiException error = assertThrows(GrendelApiException.class, client::listNodes);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      assertEquals(GrendelApiException.Kind.UNREACHABLE, error.kind(), error.getMessage());
      assertTrue(error.getMessage().contains(url), error.getMessage());
      assertTrue(elapsed.compareTo(LIMIT) < 0, name + " took " + elapsed + ", more than " + LIMIT);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertTrue(server.accepted() >= 1, "the client never connected");
  }
}
