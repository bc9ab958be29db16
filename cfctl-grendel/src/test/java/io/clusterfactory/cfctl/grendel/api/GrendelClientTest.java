package io.clusterfactory.cfctl.grendel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.grendel.Fixtures;
import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.config.GrendelApiSpec;
import io.clusterfactory.cfctl.grendel.inventory.Inventory;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelNic;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import io.clusterfactory.cfctl.grendel.render.GrendelFiles;
import io.clusterfactory.cfctl.grendel.sync.ServerState;
import io.clusterfactory.cfctl.grendel.sync.SyncExecutor;
import io.clusterfactory.cfctl.grendel.sync.SyncPlan;
import io.clusterfactory.cfctl.grendel.sync.SyncPlanner;
import io.clusterfactory.cfctl.grendel.sync.SyncResult;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both API generations against {@link FakeGrendel}, an in-test stand-in for Grendel. */
@MockApiTier
class GrendelClientTest {
  private static final String TOKEN = "test-token";
  private static final ClientOptions FAST =
      new ClientOptions(Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(10));

  @TempDir Path tempDir;
  private FakeGrendel server;
  private GrendelClient client;

  enum Setup {
    LEGACY_TCP(ApiGeneration.LEGACY, false),
    LEGACY_UNIX_SOCKET(ApiGeneration.LEGACY, true),
    V0_2_TCP(ApiGeneration.V0_2, false),
    V0_2_UNIX_SOCKET(ApiGeneration.V0_2, true);

    final ApiGeneration generation;
    final boolean unixSocket;

    Setup(ApiGeneration generation, boolean unixSocket) {
      this.generation = generation;
      this.unixSocket = unixSocket;
    }
  }

  static Stream<Arguments> setups() {
    return Stream.of(Setup.values()).map(Arguments::of);
  }

  private GrendelClient start(Setup setup) throws IOException {
    server = new FakeGrendel(setup.generation, setup.unixSocket ? null : TOKEN);
    GrendelApiSpec api;
    if (setup.unixSocket) {
      Path socket = tempDir.resolve("grendel-api.socket");
      server.startUnix(socket);
      api = new GrendelApiSpec(null, socket.toString(), null);
    } else {
      String url = server.startHttp();
      api =
          new GrendelApiSpec(
              url, null, setup.generation == ApiGeneration.V0_2 ? "GRENDEL_TOKEN" : null);
    }
    client =
        GrendelClients.create(api, setup.generation, Map.of("GRENDEL_TOKEN", TOKEN)::get, FAST);
    return client;
  }

  @AfterEach
  void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static ResolvedInventory inventory(ApiGeneration generation) {
    return Inventory.resolve(Fixtures.small(generation), Fixtures.dir());
  }

  @ParameterizedTest
  @MethodSource("setups")
  @DisplayName("sync sends images before nodes in batches, then finds nothing left to change")
  void syncOrderAndIdempotence(Setup setup) throws IOException {
    GrendelClient grendel = start(setup);
    ResolvedInventory inventory = inventory(setup.generation);

    SyncPlan plan = SyncPlanner.plan(inventory, ServerState.fetch(grendel), false);
    assertEquals(2, plan.imagesToCreate().size());
    assertEquals(8, plan.nodesToCreate().size());
    server.clearRequests();
    SyncResult result = SyncExecutor.apply(plan, grendel, 3);

    String imagesPath = setup.generation == ApiGeneration.LEGACY ? "/v1/bootimage" : "/v1/images";
    String nodesPath = setup.generation == ApiGeneration.LEGACY ? "/v1/host" : "/v1/nodes";
    assertEquals(
        List.of(
            "POST " + imagesPath, "POST " + nodesPath, "POST " + nodesPath, "POST " + nodesPath),
        server.requestLines());
    assertEquals(new SyncResult(2, 0, 8, 0, 4), result);
    assertEquals(8, server.hosts().size());
    assertEquals(
        "192.168.0.111/24",
        server.hosts().get("cn001").get("interfaces").get(1).get("ip").asText());

    // what the server returns (with its ids) compares equal to the desired state
    SyncPlan again = SyncPlanner.plan(inventory, ServerState.fetch(grendel), false);
    assertTrue(again.isEmpty(), again.render());
    assertEquals(8, again.nodesUnchanged());
    assertEquals(2, again.imagesUnchanged());
  }

  @ParameterizedTest
  @MethodSource("setups")
  @DisplayName("unknown server nodes and images are deleted only with prune, nodes before images")
  void pruneOnlyWhenAsked(Setup setup) throws IOException {
    GrendelClient grendel = start(setup);
    ResolvedInventory inventory = inventory(setup.generation);
    SyncExecutor.apply(
        SyncPlanner.plan(inventory, ServerState.fetch(grendel), false), grendel, 100);
    grendel.upsertImages(
        List.of(
            new io.clusterfactory.cfctl.grendel.model.GrendelImage(
                "old-image", "/k", List.of(), null, "", false, null, null, null, null)));
    grendel.upsertNodes(
        List.of(
            host("old1", "old-image", "10.0.0.1/24"), host("old2", "old-image", "10.0.0.2/24")));
    // change one node so the plan also updates
    GrendelHost cn002 = GrendelFiles.host(inventory.node("cn002").orElseThrow(), inventory);
    grendel.upsertNodes(
        List.of(new GrendelHost("cn002", true, "old-image", null, List.of(), cn002.interfaces())));
    server.clearRequests();

    SyncPlan keep = SyncPlanner.plan(inventory, ServerState.fetch(grendel), false);
    assertEquals("old[1-2]", keep.nodesUnmanaged().fold());
    assertTrue(keep.nodesToDelete().isEmpty());
    assertEquals(List.of(), keep.imagesToDelete());
    assertEquals(List.of("boot_image", "firmware", "tags"), keep.nodesToUpdate().get(0).fields());
    SyncExecutor.apply(keep, grendel, 100);
    assertTrue(
        server.requestLines().stream().noneMatch(line -> line.startsWith("DELETE")),
        server.requestLines().toString());
    assertTrue(server.hosts().containsKey("old1"));

    server.clearRequests();
    SyncPlan prune = SyncPlanner.plan(inventory, ServerState.fetch(grendel), true);
    assertEquals("old[1-2]", prune.nodesToDelete().fold());
    assertEquals(List.of("old-image"), prune.imagesToDelete());
    SyncExecutor.apply(prune, grendel, 100);
    List<FakeGrendel.Recorded> deletes =
        server.requests().stream().filter(r -> r.method().equals("DELETE")).toList();
    assertEquals(2, deletes.size());
    if (setup.generation == ApiGeneration.LEGACY) {
      assertEquals("/v1/host/find/old[1-2]", deletes.get(0).path());
      assertEquals("/v1/bootimage/find/old-image", deletes.get(1).path());
    } else {
      assertEquals("old[1-2]", deletes.get(0).query().get("nodeset"));
      assertEquals("old-image", deletes.get(1).query().get("names"));
      assertEquals("old-image", deletes.get(1).query().get("name"));
    }
    assertFalse(server.hosts().containsKey("old1"));
    assertFalse(server.images().containsKey("old-image"));
  }

  @ParameterizedTest
  @MethodSource("setups")
  @DisplayName("provision and unprovision flip the flag of the selected nodes only")
  void provisionByNodeset(Setup setup) throws IOException {
    GrendelClient grendel = start(setup);
    ResolvedInventory inventory = inventory(setup.generation);
    SyncExecutor.apply(SyncPlanner.plan(inventory, ServerState.empty(), false), grendel, 100);

    grendel.unprovision(NodeSet.parse("cn[001-002]"));
    assertFalse(server.hosts().get("cn001").get("provision").asBoolean());
    assertFalse(server.hosts().get("cn002").get("provision").asBoolean());
    assertTrue(server.hosts().get("cn003").get("provision").asBoolean());
    grendel.provision(NodeSet.parse("cn001"));
    assertTrue(server.hosts().get("cn001").get("provision").asBoolean());
    assertEquals(
        List.of("cn001", "cn002"),
        grendel.findNodes(NodeSet.parse("cn[001-002]")).stream().map(GrendelHost::name).toList());
  }

  @Test
  @DisplayName("v0.2 sends the bearer token on every request and powers nodes through /v1/bmc")
  void upstreamAuthAndPower() throws IOException {
    GrendelClient grendel = start(Setup.V0_2_TCP);
    ResolvedInventory inventory = inventory(ApiGeneration.V0_2);
    SyncExecutor.apply(
        SyncPlanner.plan(inventory, ServerState.fetch(grendel), false), grendel, 100);

    List<PowerResult> results = grendel.power(NodeSet.parse("cn[001-002],gpu1"), PowerAction.ON);
    assertEquals(
        List.of(
            new PowerResult("cn001", true, "sent On"),
            new PowerResult("cn002", true, "sent On"),
            new PowerResult("gpu1", false, "no bmc interface")),
        results);
    assertEquals(
        List.of(new PowerStatus("cn001", "On"), new PowerStatus("cn003", "Off")),
        grendel.powerStatus(NodeSet.parse("cn[001,003]")));
    grendel.power(NodeSet.parse("cn001"), PowerAction.OFF);
    assertEquals("Off", server.powerState("cn001"));
    FakeGrendel.Recorded powerCall =
        server.requests().stream()
            .filter(r -> r.path().equals("/v1/bmc/power/os"))
            .findFirst()
            .orElseThrow();
    assertEquals("{\"boot_option\":\"None\",\"power_option\":\"On\"}", powerCall.body());
    assertTrue(
        server.requests().stream().allMatch(r -> ("Bearer " + TOKEN).equals(r.authorization())));
  }

  @Test
  @DisplayName("legacy requests carry no Authorization header and power is UNSUPPORTED")
  void legacyHasNoAuthNorPower() throws IOException {
    GrendelClient grendel = start(Setup.LEGACY_TCP);
    grendel.listNodes();
    assertTrue(server.requests().stream().allMatch(r -> r.authorization() == null));
    GrendelApiException error =
        assertThrows(
            GrendelApiException.class, () -> grendel.power(NodeSet.parse("cn1"), PowerAction.ON));
    assertEquals(GrendelApiException.Kind.UNSUPPORTED, error.kind());
    assertEquals(
        GrendelApiException.Kind.UNSUPPORTED,
        assertThrows(GrendelApiException.class, () -> grendel.powerStatus(NodeSet.parse("cn1")))
            .kind());
  }

  @Test
  @DisplayName("a wrong token is REJECTED with the server's reason and the variable to check")
  void wrongToken() throws IOException {
    server = new FakeGrendel(ApiGeneration.V0_2, TOKEN);
    String url = server.startHttp();
    client =
        GrendelClients.create(
            new GrendelApiSpec(url, null, "GRENDEL_TOKEN"),
            ApiGeneration.V0_2,
            Map.of("GRENDEL_TOKEN", "stale")::get,
            FAST);
    GrendelApiException error = assertThrows(GrendelApiException.class, client::listNodes);
    assertEquals(GrendelApiException.Kind.REJECTED, error.kind());
    assertEquals(401, error.status());
    assertTrue(
        error.getMessage().contains("Unauthorized: missing or invalid token"), error.getMessage());
    assertTrue(error.getMessage().contains("$GRENDEL_TOKEN"), error.getMessage());
    assertEquals(1, server.requests().size(), "a rejection is not retried");
  }

  @Test
  @DisplayName("v0.2 refuses nodes whose image is missing; the reason reaches the caller")
  void upstreamRejectsUnknownImage() throws IOException {
    GrendelClient grendel = start(Setup.V0_2_TCP);
    GrendelApiException error =
        assertThrows(
            GrendelApiException.class,
            () -> grendel.upsertNodes(List.of(host("cn1", "nope", "10.0.0.1/24"))));
    assertEquals(GrendelApiException.Kind.REJECTED, error.kind());
    assertTrue(error.getMessage().contains("boot image does not exist. image=nope"));
  }

  @ParameterizedTest
  @MethodSource("setups")
  @DisplayName("503 answers are retried within the attempt budget, then reported UNREACHABLE")
  void retries(Setup setup) throws IOException {
    GrendelClient grendel = start(setup);
    server.failNext(2);
    assertEquals(List.of(), grendel.listNodes());
    assertEquals(3, server.requests().size());
    server.clearRequests();
    server.failNext(5);
    GrendelApiException error = assertThrows(GrendelApiException.class, grendel::listNodes);
    assertEquals(GrendelApiException.Kind.UNREACHABLE, error.kind());
    assertEquals(503, error.status());
    assertEquals(3, server.requests().size());
  }

  @Test
  @DisplayName("a closed port and a missing socket are UNREACHABLE")
  void unreachable() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (GrendelClient tcp =
        GrendelClients.create(
            new GrendelApiSpec("http://127.0.0.1:" + port, null, null),
            ApiGeneration.LEGACY,
            name -> null,
            FAST)) {
      GrendelApiException error = assertThrows(GrendelApiException.class, tcp::listNodes);
      assertEquals(GrendelApiException.Kind.UNREACHABLE, error.kind());
      assertTrue(error.getMessage().contains("3 attempts"), error.getMessage());
    }
    try (GrendelClient unix =
        GrendelClients.create(
            new GrendelApiSpec(null, tempDir.resolve("missing.socket").toString(), null),
            ApiGeneration.LEGACY,
            name -> null,
            FAST)) {
      assertEquals(
          GrendelApiException.Kind.UNREACHABLE,
          assertThrows(GrendelApiException.class, unix::listImages).kind());
    }
  }

  @Test
  @DisplayName("the factory picks generation and endpoint from the grendel block")
  void factoryFromSpec() {
    var small = Fixtures.small(ApiGeneration.V0_2);
    var spec =
        new io.clusterfactory.cfctl.grendel.config.GrendelSpec(
            small.nodeName(),
            small.networkInterface(),
            small.address(),
            small.subnet(),
            small.bmcSubnet(),
            small.gateway(),
            small.dnsServers(),
            small.domain(),
            small.apiGeneration(),
            new GrendelApiSpec("http://127.0.0.1:8080/", null, "GRENDEL_TOKEN"),
            small.storage(),
            small.images(),
            small.groups(),
            small.inventory(),
            small.defaultPartition());
    try (GrendelClient created = GrendelClients.create(spec, Map.of("GRENDEL_TOKEN", "t")::get)) {
      assertEquals(ApiGeneration.V0_2, created.generation());
      assertEquals("http://127.0.0.1:8080", created.endpoint());
    }
    try (GrendelClient legacy =
        GrendelClients.create(Fixtures.small(ApiGeneration.LEGACY), name -> null)) {
      assertEquals(ApiGeneration.LEGACY, legacy.generation());
      assertEquals("unix:/var/run/grendel/grendel-api.socket", legacy.endpoint());
    }
  }

  @Test
  @DisplayName("a server that accepts but never answers times out as UNREACHABLE")
  void boundedTimeouts() throws IOException {
    ClientOptions quick =
        new ClientOptions(Duration.ofSeconds(1), Duration.ofMillis(300), 2, Duration.ofMillis(10));
    Path socket = tempDir.resolve("silent.socket");
    try (java.nio.channels.ServerSocketChannel silentUnix =
            java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        ServerSocket silentTcp =
            new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      silentUnix.bind(java.net.UnixDomainSocketAddress.of(socket));
      try (GrendelClient unix =
              GrendelClients.create(
                  new GrendelApiSpec(null, socket.toString(), null),
                  ApiGeneration.LEGACY,
                  name -> null,
                  quick);
          GrendelClient tcp =
              GrendelClients.create(
                  new GrendelApiSpec("http://127.0.0.1:" + silentTcp.getLocalPort(), null, null),
                  ApiGeneration.LEGACY,
                  name -> null,
                  quick)) {
        for (GrendelClient silent : List.of(unix, tcp)) {
          GrendelApiException error = assertThrows(GrendelApiException.class, silent::listNodes);
          assertEquals(GrendelApiException.Kind.UNREACHABLE, error.kind(), error.getMessage());
          assertTrue(error.getMessage().contains("2 attempts"), error.getMessage());
          // the request timeout, not a refused connection, ended each attempt
          assertTrue(error.getMessage().contains("HttpTimeoutException"), error.getMessage());
        }
      }
    } finally {
      java.nio.file.Files.deleteIfExists(socket);
    }
  }

  @Test
  @DisplayName("an unset token variable is an input error before any request")
  void missingTokenVariable() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GrendelClients.create(
                    new GrendelApiSpec("http://127.0.0.1:1", null, "GRENDEL_TOKEN"),
                    ApiGeneration.V0_2,
                    name -> null));
    assertTrue(error.getMessage().contains("GRENDEL_TOKEN"));
  }

  @Test
  @DisplayName("chunked and Content-Length responses parse; garbage is a protocol error")
  void responseParsing() throws IOException {
    byte[] chunked =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[1,\r\n2\r\n2]\r\n0\r\n\r\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(new Transport.Response(200, "[1,2]"), UnixSocketTransport.parse(chunked));
    byte[] sized =
        "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(new Transport.Response(201, "{}"), UnixSocketTransport.parse(sized));
    assertThrows(
        IOException.class, () -> UnixSocketTransport.parse("SSH-2.0-OpenSSH\r\n".getBytes()));
  }

  private static GrendelHost host(String name, String image, String ip) {
    return new GrendelHost(
        name,
        true,
        image,
        null,
        List.of(),
        List.of(
            new GrendelNic(
                "02:00:00:00:00:" + name.substring(name.length() - 2).replaceAll("[^0-9]", "0"),
                ip,
                name,
                false,
                null,
                null,
                null)));
  }
}
