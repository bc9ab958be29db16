package io.clusterfactory.cfctl.core.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.pipeline.PhaseContext;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import io.clusterfactory.cfctl.grendel.api.ClientOptions;
import io.clusterfactory.cfctl.grendel.api.FakeGrendel;
import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core action against FakeGrendel, an in-test stand-in for Grendel (not a real Grendel). */
@MockApiTier
class GrendelNodesActionTest {
  private static final ClientOptions FAST =
      new ClientOptions(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(10));
  private static final Function<String, String> ENV = Map.of("GRENDEL_TOKEN", "s3cret")::get;

  @TempDir Path dir;
  private FakeGrendel server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private LoadedConfig config(String url) throws IOException {
    Files.writeString(dir.resolve("nodes.csv"), "cn1,52:54:00:00:00:01\ncn2,52:54:00:00:00:02\n");
    String yaml =
        """
        apiVersion: cfctl.clusterfactory.io/v1beta1
        kind: Cluster
        metadata: {name: t}
        spec:
          hosts:
            - role: single
              ssh: {address: 10.0.0.10}
          gitops:
            repository: {url: "file:///srv/g.git"}
          network:
            domain: t.example.com
            multus:
              attachments: [{name: prov, master: eth1, subnet: 192.168.7.0/24}]
          provisioning:
            grendel:
              nodeName: n1
              interface: eth1
              address: 192.168.7.3/24
              apiGeneration: v0.2
              api: {url: "%s", tokenEnv: GRENDEL_TOKEN}
              images:
                - {name: img, kernel: /k, initrds: [/i], cmdline: quiet}
              groups:
                - {name: c, nodes: "cn[1-2]", image: img, ipStart: 192.168.7.11}
              inventory: nodes.csv
        """
            .formatted(url);
    return new ConfigLoader(ENV, ValidationMode.OFFLINE).load(yaml, "cluster.yaml", dir);
  }

  @Test
  @DisplayName("a dry-run sync records one change for the endpoint and sends no mutation")
  void dryRunRecordsWithoutCalling() throws IOException {
    server = new FakeGrendel(ApiGeneration.V0_2, "s3cret");
    String url = server.startHttp();
    try (GrendelNodesAction action =
        GrendelNodesAction.open(config(url), ENV, FAST, new PhaseContext(true))) {
      SyncOutcome outcome = action.sync(false, 500);

      assertNull(outcome.result());
      assertEquals(1, outcome.changes().size());
      PlannedChange change = outcome.changes().get(0);
      assertEquals(url, change.target());
      assertEquals("sync images +1 ~0 -0, nodes +2 ~0 -0", change.description());
      assertEquals(java.util.List.of("GET /v1/nodes", "GET /v1/images"), server.requestLines());
      assertTrue(
          server.requests().stream().allMatch(r -> "Bearer s3cret".equals(r.authorization())));
    }
  }

  @Test
  @DisplayName("a sync in batches of one sends one request per object, images first")
  void batches() throws IOException {
    server = new FakeGrendel(ApiGeneration.V0_2, "s3cret");
    try (GrendelNodesAction action =
        GrendelNodesAction.open(config(server.startHttp()), ENV, FAST, new PhaseContext(false))) {
      SyncOutcome outcome = action.sync(false, 1);
      assertEquals(3, outcome.result().requests());
      assertEquals(
          java.util.List.of(
              "GET /v1/nodes",
              "GET /v1/images",
              "POST /v1/images",
              "POST /v1/nodes",
              "POST /v1/nodes"),
          server.requestLines());
    }
  }

  @Test
  @DisplayName("a server that refuses the token is exit 1 with the server's message")
  void rejectedIsOperationFailed() throws IOException {
    server = new FakeGrendel(ApiGeneration.V0_2, "another-token");
    try (GrendelNodesAction action =
        GrendelNodesAction.open(config(server.startHttp()), ENV, FAST, new PhaseContext(false))) {
      OperationFailedException e =
          assertThrows(OperationFailedException.class, () -> action.list(NodeSet.parse("cn1")));
      assertEquals(ExitCode.FAILED, e.exitCode());
      assertTrue(e.getMessage().contains("missing or invalid token"), e.getMessage());
      assertTrue(e.getMessage().contains("GRENDEL_TOKEN"), e.getMessage());
    }
  }

  @Test
  @DisplayName("no answer is UnreachableException whose target is the endpoint")
  void unreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    try (GrendelNodesAction action =
        GrendelNodesAction.open(config(url), ENV, FAST, new PhaseContext(false))) {
      UnreachableException e =
          assertThrows(UnreachableException.class, () -> action.sync(true, 10));
      assertEquals(url, e.target());
      assertTrue(e.getMessage().contains(url), e.getMessage());
    }
  }
}
