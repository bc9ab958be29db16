package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.DeadlineAssertions;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.kube.health.KStatus;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.testing.MisbehavingServer;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Waiter} against an API server that takes the request and then stalls: before any
 * answer, mid-answer one byte a second, and mid-wait after the first polls went through (a stalling
 * proxy in front of the mock API). Each wait ends within the run's deadline (plus a margin) as
 * unreachable (exit 3), naming the API server and the object it was waiting for.
 */
@MockApiTier
class WaiterStallingApiTest {
  private static final Duration REQUEST = Duration.ofSeconds(2);
  private static final Duration RUN = Duration.ofSeconds(6);
  private static final Duration LIMIT = RUN.plusSeconds(4);
  private static final RetryPolicy FAST =
      new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(300), 10);
  private static final WaitTarget WEB =
      new WaitTarget(ObjectRef.of("apps/v1", "Deployment", "default", "web"), "apps", "web");

  private MisbehavingServer server;
  private MockCluster cluster;
  private KubernetesClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (cluster != null) {
      cluster.close();
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

  private UnreachableException waitFails(String url, WaitListener listener) {
    KubeCalls calls = new KubeCalls(url, FAST, Deadline.in(RUN));
    Waiter waiter = new Waiter(client, calls, new KStatus((String) null), Duration.ofMillis(200));
    UnreachableException error =
        DeadlineAssertions.failsWithin(LIMIT, () -> waiter.waitForStacks(List.of(WEB), listener));
    assertTrue(error.getMessage().contains(url), "names the API server: " + error.getMessage());
    return error;
  }

  private static void namesWhatItWaitedFor(UnreachableException error) {
    // e.g. "reading Deployment/default/web: no answer from the API server http://127.0.0.1:port
    // before the deadline (3 attempts)"
    assertTrue(
        error.getMessage().startsWith("reading Deployment/default/web: "),
        "names what it waited for: " + error.getMessage());
  }

  @Test
  void anApiServerThatAcceptsAndNeverAnswers() {
    String url = start(MisbehavingServer.silent());
    namesWhatItWaitedFor(waitFails(url, WaitListener.NONE));
  }

  @Test
  void anApiServerThatTricklesItsAnswerOneByteASecond() {
    String url =
        start(
            MisbehavingServer.trickling(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"));
    namesWhatItWaitedFor(waitFails(url, WaitListener.NONE));
  }

  @Test
  void anApiServerThatStallsMidWaitAfterTheFirstPolls() {
    cluster = new MockCluster();
    cluster
        .client()
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("default")
                .withGeneration(1L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .endSpec()
                .build())
        .create();
    URI mock = URI.create(cluster.url());
    String url =
        start(
            MisbehavingServer.stallingProxy(
                new InetSocketAddress(mock.getHost(), mock.getPort()), Long.MAX_VALUE));
    AtomicInteger polls = new AtomicInteger();
    WaitListener stallAfterFirstPoll =
        progress -> {
          // the first poll read the Deployment (not ready): from now on the API stalls
          polls.incrementAndGet();
          server.stallNow();
        };
    UnreachableException error = waitFails(url, stallAfterFirstPoll);
    assertTrue(polls.get() >= 1, "the first poll went through the proxy");
    namesWhatItWaitedFor(error);
  }
}
