package io.clusterfactory.cfctl.core.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;

/** A fabric8 mock API server on loopback with {@link ApplyPatchDispatcher}, and a client for it. */
public final class MockCluster implements AutoCloseable {
  /** Held so java.util.logging does not forget the level (it keeps loggers weakly). */
  private static final java.util.logging.Logger MOCK_SERVER_LOGGER =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    // the mock server and its HTTP stack log every request at DEBUG; keep test output readable
    for (String noisy : new String[] {"io.netty", "io.vertx", "io.fabric8", "org.testcontainers"}) {
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(noisy))
          .setLevel(ch.qos.logback.classic.Level.WARN);
    }
    // the mock web server logs each request through java.util.logging
    MOCK_SERVER_LOGGER.setLevel(java.util.logging.Level.WARNING);
  }

  private final ApplyPatchDispatcher dispatcher = new ApplyPatchDispatcher();
  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public MockCluster() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    try (KubernetesClient defaults = server.createClient()) {
      client = KubeClients.forConfig(defaults.getConfiguration());
    }
  }

  public ApplyPatchDispatcher dispatcher() {
    return dispatcher;
  }

  public KubernetesClient client() {
    return client;
  }

  public String url() {
    return client.getConfiguration().getMasterUrl();
  }

  /** A kubeconfig that reaches this mock API server, as a user's file would. */
  public String kubeconfig() {
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: "
        + url()
        + "\ncontexts:\n- name: mock\n  context: {cluster: mock, user: admin}\n"
        + "current-context: mock\nusers:\n- name: admin\n  user: {token: test}\n";
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
