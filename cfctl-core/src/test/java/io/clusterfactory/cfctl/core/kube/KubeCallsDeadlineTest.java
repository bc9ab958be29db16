package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.DeadlineAssertions;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.kube.health.KStatus;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.testing.MisbehavingServer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An API server that accepts TCP and then misbehaves: each request fails within the request
 * timeout, is retried within the run's deadline, and ends as an UnreachableException naming the API
 * URL. It is never read as an empty answer.
 */
@MockApiTier
class KubeCallsDeadlineTest {
  private static final Duration REQUEST = Duration.ofSeconds(2);
  private static final Duration RUN = Duration.ofSeconds(7);
  private static final Duration LIMIT = RUN.plusSeconds(4);
  private static final RetryPolicy FAST =
      new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(300), 10);

  private MisbehavingServer server;
  private KubernetesClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private String start(MisbehavingServer misbehaving) {
    server = misbehaving;
    String url = "http://" + server.hostPort();
    client =
        KubeClients.forConfig(
            new ConfigBuilder().withMasterUrl(url).withNamespace("default").build(),
            Duration.ofSeconds(2),
            REQUEST);
    return url;
  }

  private static UnreachableException failsWithin(Executable action) {
    return DeadlineAssertions.failsWithin(LIMIT, action);
  }

  static Stream<Arguments> behaviours() {
    Supplier<MisbehavingServer> silent = MisbehavingServer::silent;
    Supplier<MisbehavingServer> garbage = MisbehavingServer::garbage;
    Supplier<MisbehavingServer> reset = () -> MisbehavingServer.resetting("HTTP/1.1 200 OK\r\n");
    Supplier<MisbehavingServer> trickledBody =
        () ->
            MisbehavingServer.tricklingAfter(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n",
                "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}"
                    + " ".repeat(238));
    // a trickled answer holds its one attempt until the run's deadline: nothing is left to retry
    return Stream.of(
        Arguments.of("silent", silent, true),
        Arguments.of("garbage", garbage, true),
        Arguments.of("reset", reset, true),
        Arguments.of("trickled body", trickledBody, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("behaviours")
  void aRequestFailsWithinTheDeadlineAfterRetries(
      String name, Supplier<MisbehavingServer> make, boolean retried) {
    String url = start(make.get());
    KubeCalls calls = new KubeCalls(url, FAST, Deadline.in(RUN));
    UnreachableException error =
        failsWithin(
            () ->
                calls.call(
                    "reading ConfigMap/default/x",
                    () -> client.configMaps().inNamespace("default").withName("x").get()));
    assertTrue(error.getMessage().startsWith("reading ConfigMap/default/x: "), error.getMessage());
    assertTrue(error.getMessage().contains(url), error.getMessage());
    assertTrue(
        server.accepted() >= (retried ? 2 : 1),
        "not retried: " + server.accepted() + " connection(s)");
  }

  @Test
  void aWaitWhoseAnswersStallMidStreamEndsWithinTheDeadline() {
    String url =
        start(
            MisbehavingServer.tricklingAfter(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n",
                "{\"kind\":\"APIResourceList\"," + " ".repeat(370) + "}"));
    KubeCalls calls = new KubeCalls(url, FAST, Deadline.in(RUN));
    Waiter waiter = new Waiter(client, calls, new KStatus((String) null), Duration.ofMillis(200));
    WaitTarget target =
        new WaitTarget(ObjectRef.of("apps/v1", "Deployment", "default", "web"), "apps", "web");
    UnreachableException error =
        failsWithin(() -> waiter.waitForStacks(List.of(target), WaitListener.NONE));
    assertTrue(error.getMessage().contains(url), error.getMessage());
  }
}
