package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.grendel.api.FakeGrendel;
import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code cfctl nodes list|provision|unprovision|power|sync} black-box through {@link Main#run},
 * against FakeGrendel: an in-test stand-in for a Grendel server (not a real Grendel) that records
 * requests.
 */
@MockApiTier
class NodesLiveCliTest {
  private static final String CSV =
      """
      name,mac,bmc_mac
      cn01,52:54:00:00:00:01,52:54:00:00:01:01
      cn02,52:54:00:00:00:02,52:54:00:00:01:02
      cn03,52:54:00:00:00:03,52:54:00:00:01:03
      cn04,52:54:00:00:00:04,52:54:00:00:01:04
      cn05,52:54:00:00:00:05,52:54:00:00:01:05
      """;

  @TempDir Path dir;
  private FakeGrendel server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private String start(ApiGeneration generation) throws IOException {
    // no token: the v0.2 stand-in then accepts requests without one, like a server on its socket
    server = new FakeGrendel(generation, null);
    return server.startHttp();
  }

  /** A cluster.yaml with groups of cn[01-04] (or {@code nodes}) reaching Grendel at {@code api}. */
  private String config(String name, ApiGeneration generation, String api, String nodes)
      throws IOException {
    Files.writeString(dir.resolve("nodes.csv"), CSV);
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
              apiGeneration: %s
              %s
              images:
                - name: squareos
                  kernel: /var/lib/grendel/squareos.vmlinuz
                  initrds: [/var/lib/grendel/squareos.img]
                  liveImage: /var/lib/grendel/squareos.squashfs
                  cmdline: console=ttyS0
              groups:
                - name: compute
                  nodes: "%s"
                  image: squareos
                  ipStart: 192.168.7.11
                  bmcStart: 192.168.7.111
                  bmc: {userEnv: BMC_USER, passwordEnv: BMC_PASSWORD}
              inventory: nodes.csv
        """
            .formatted(generation.id(), api, nodes);
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file.toString();
  }

  private String config(ApiGeneration generation, String url) throws IOException {
    return config("cluster.yaml", generation, "api: {url: \"" + url + "\"}", "cn[01-04]");
  }

  private static boolean mutating(String line) {
    return !line.startsWith("GET ");
  }

  @ParameterizedTest
  @EnumSource(ApiGeneration.class)
  @DisplayName("sync --dry-run sends no mutating request and prints the plan on stdout")
  void syncDryRun(ApiGeneration generation) throws IOException {
    String file = config(generation, start(generation));

    CliRun run = CliRun.of("nodes", "sync", "-c", file, "--dry-run");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(server.requestLines().stream().noneMatch(NodesLiveCliTest::mutating), run.err());
    assertTrue(server.hosts().isEmpty());
    assertTrue(run.out().contains("images: 1 to create"), run.out());
    assertTrue(run.out().contains("+ image squareos"), run.out());
    assertTrue(run.out().contains("+ nodes cn[01-04]"), run.out());
    assertTrue(run.out().contains("dry run: nothing was changed"), run.out());

    server.clearRequests();
    CliRun badBatch = CliRun.of("nodes", "sync", "-c", file, "--batch-size", "0");
    assertEquals(2, badBatch.exitCode(), badBatch.err());
    assertTrue(server.requestLines().isEmpty(), server.requestLines().toString());
  }

  @ParameterizedTest
  @EnumSource(ApiGeneration.class)
  @DisplayName("sync sends images before nodes, then a second sync has nothing to do")
  void syncAppliesImagesBeforeNodes(ApiGeneration generation) throws IOException {
    String file = config(generation, start(generation));

    CliRun run = CliRun.of("nodes", "sync", file);

    assertEquals(0, run.exitCode(), run.err());
    List<String> changes =
        server.requestLines().stream().filter(NodesLiveCliTest::mutating).toList();
    String images = generation == ApiGeneration.LEGACY ? "/v1/bootimage" : "/v1/images";
    String nodes = generation == ApiGeneration.LEGACY ? "/v1/host" : "/v1/nodes";
    assertEquals(List.of("POST " + images, "POST " + nodes), changes);
    assertEquals(List.of("cn01", "cn02", "cn03", "cn04"), List.copyOf(server.hosts().keySet()));
    assertEquals(
        "192.168.7.12/24",
        server.hosts().get("cn02").path("interfaces").get(0).path("ip").asText());

    server.clearRequests();
    CliRun again = CliRun.of("nodes", "sync", file, "-o", "json");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(server.requestLines().stream().noneMatch(NodesLiveCliTest::mutating));
    JsonNode json = new ObjectMapper().readTree(again.out());
    assertTrue(json.path("plan").path("empty").asBoolean(), again.out());
    assertEquals(4, json.path("plan").path("nodes").path("unchanged").asInt());
  }

  @ParameterizedTest
  @EnumSource(ApiGeneration.class)
  @DisplayName("nodes not in cluster.yaml are kept without --prune and deleted with it")
  void pruneOnlyWhenAsked(ApiGeneration generation) throws IOException {
    String url = start(generation);
    String wider = config("wider.yaml", generation, "api: {url: \"" + url + "\"}", "cn[01-05]");
    assertEquals(0, CliRun.of("nodes", "sync", "-c", wider).exitCode());
    String file = config(generation, url);
    server.clearRequests();

    CliRun kept = CliRun.of("nodes", "sync", "-c", file);
    assertEquals(0, kept.exitCode(), kept.err());
    assertTrue(server.requestLines().stream().noneMatch(NodesLiveCliTest::mutating));
    assertTrue(server.hosts().containsKey("cn05"));
    assertTrue(kept.out().contains("not in cluster.yaml, kept"), kept.out());

    CliRun pruned = CliRun.of("nodes", "sync", "-c", file, "--prune");
    assertEquals(0, pruned.exitCode(), pruned.err());
    assertTrue(
        server.requestLines().stream().anyMatch(line -> line.startsWith("DELETE ")),
        server.requestLines().toString());
    assertFalse(server.hosts().containsKey("cn05"));
    assertTrue(server.hosts().containsKey("cn04"));
    assertTrue(pruned.out().contains("- nodes cn05"), pruned.out());
  }

  @ParameterizedTest
  @EnumSource(ApiGeneration.class)
  @DisplayName("list prints the server's nodes and says which inventory nodes it lacks")
  void list(ApiGeneration generation) throws IOException {
    String url = start(generation);
    String wider = config("wider.yaml", generation, "api: {url: \"" + url + "\"}", "cn[01-02]");
    assertEquals(0, CliRun.of("nodes", "sync", "-c", wider).exitCode());
    String file = config(generation, url);

    CliRun run = CliRun.of("nodes", "list", "-c", file);
    assertEquals(0, run.exitCode(), run.err());
    String[] lines = run.out().split("\n");
    assertEquals(3, lines.length, run.out());
    assertTrue(lines[0].startsWith("NAME"), run.out());
    assertTrue(lines[1].matches("cn01 +yes +squareos +192\\.168\\.7\\.11/24 +52:54:00:00:00:01.*"));
    assertTrue(run.err().contains("not on the server yet: cn[03-04]"), run.err());

    CliRun one = CliRun.of("nodes", "list", "-c", file, "cn02", "-o", "json");
    assertEquals(0, one.exitCode(), one.err());
    JsonNode json = new ObjectMapper().readTree(one.out());
    assertEquals(1, json.path("nodes").size(), one.out());
    assertEquals("cn02", json.path("nodes").get(0).path("name").asText());
    assertEquals("", json.path("notOnServer").asText());
    CliRun yaml = CliRun.of("nodes", "list", "-c", file, "cn02", "-o", "yaml");
    assertEquals(0, yaml.exitCode(), yaml.err());
    assertEquals(
        json,
        new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readTree(yaml.out()),
        "-o yaml is the json document as YAML");
  }

  @ParameterizedTest
  @EnumSource(ApiGeneration.class)
  @DisplayName("provision and unprovision send one request for the nodeset and flip the flag")
  void provisionAndUnprovision(ApiGeneration generation) throws IOException {
    String file = config(generation, start(generation));
    assertEquals(0, CliRun.of("nodes", "sync", file).exitCode());
    server.clearRequests();

    CliRun off = CliRun.of("nodes", "unprovision", file, "cn[02-03]");
    assertEquals(0, off.exitCode(), off.err());
    assertEquals("unprovisioned cn[02-03]", off.out().trim());
    List<FakeGrendel.Recorded> changes =
        server.requests().stream().filter(r -> mutating(r.line())).toList();
    assertEquals(1, changes.size(), server.requestLines().toString());
    if (generation == ApiGeneration.LEGACY) {
      assertEquals("PUT /v1/host/unprovision/cn[02-03]", changes.get(0).line());
    } else {
      assertEquals("PATCH /v1/nodes/provision", changes.get(0).line());
      assertEquals("cn[02-03]", changes.get(0).query().get("nodeset"));
      assertTrue(changes.get(0).body().contains("false"), changes.get(0).body());
    }
    assertFalse(server.hosts().get("cn02").path("provision").asBoolean());
    assertTrue(server.hosts().get("cn01").path("provision").asBoolean());

    server.clearRequests();
    CliRun on = CliRun.of("nodes", "provision", "-c", file, "cn02");
    assertEquals(0, on.exitCode(), on.err());
    assertTrue(server.hosts().get("cn02").path("provision").asBoolean());
    assertFalse(server.hosts().get("cn03").path("provision").asBoolean());
    assertEquals(1, server.requestLines().stream().filter(NodesLiveCliTest::mutating).count());
  }

  @Test
  @DisplayName("provisioning nodes the server does not have fails with exit 1 and a hint")
  void provisionNodesMissingOnServer() throws IOException {
    String file = config(ApiGeneration.V0_2, start(ApiGeneration.V0_2));
    CliRun run = CliRun.of("nodes", "provision", "-c", file, "cn01");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("cn01 not on the Grendel server"), run.err());
    assertTrue(run.err().contains("cfctl nodes sync"), run.err());
    assertTrue(server.requestLines().stream().noneMatch(NodesLiveCliTest::mutating));
  }

  @Test
  @DisplayName("power on the legacy API is a clear error, exit 1, and sends nothing")
  void powerOnLegacy() throws IOException {
    String file = config(ApiGeneration.LEGACY, start(ApiGeneration.LEGACY));
    CliRun run = CliRun.of("nodes", "power", "on", "-c", file, "cn01");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("legacy API, which has no BMC endpoints"), run.err());
    assertTrue(run.err().contains("apiGeneration: v0.2"), run.err());
    assertTrue(server.requestLines().isEmpty(), server.requestLines().toString());
  }

  @Test
  @DisplayName("power on and status on v0.2 go through Grendel's BMC endpoints")
  void powerOnV02() throws IOException {
    String file = config(ApiGeneration.V0_2, start(ApiGeneration.V0_2));
    assertEquals(0, CliRun.of("nodes", "sync", file).exitCode());
    server.clearRequests();

    CliRun run = CliRun.of("nodes", "power", "on", "-c", file, "cn[01-02]");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of("POST /v1/bmc/power/os"), server.requestLines());
    assertTrue(server.requests().get(0).body().contains("\"On\""));
    assertEquals("On", server.powerState("cn02"));
    assertEquals("Off", server.powerState("cn03"));
    assertTrue(run.out().startsWith("cn01 ok"), run.out());

    CliRun status = CliRun.of("nodes", "power", "status", "-c", file, "cn[02-03]");
    assertEquals(0, status.exitCode(), status.err());
    assertEquals("cn02 On\ncn03 Off\n", status.out().replace("\r", ""));
  }

  @Test
  @DisplayName("a power action Grendel fails on some nodes prints every node, then exits 1")
  void powerFailureOnSomeNodes() throws IOException {
    String file = config(ApiGeneration.V0_2, start(ApiGeneration.V0_2));
    // cn[01-02] lose their BMC interface on the server: re-synced from a config without BMCs
    Path noBmc = dir.resolve("no-bmc.yaml");
    Files.writeString(
        noBmc,
        Files.readString(Path.of(file))
            .lines()
            .filter(line -> !line.contains("bmc"))
            .map(line -> line.replace("cn[01-04]", "cn[01-02]").replace("nodes.csv", "plain.csv"))
            .collect(java.util.stream.Collectors.joining("\n")));
    Files.writeString(dir.resolve("plain.csv"), "cn01,52:54:00:00:00:01\ncn02,52:54:00:00:00:02\n");
    assertEquals(0, CliRun.of("nodes", "sync", file).exitCode());
    CliRun withoutBmc = CliRun.of("nodes", "sync", noBmc.toString());
    assertEquals(0, withoutBmc.exitCode(), withoutBmc.err());
    server.clearRequests();

    CliRun run = CliRun.of("nodes", "power", "cycle", file, "cn[01-04]");

    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.out().contains("cn01 failed"), run.out());
    assertTrue(run.out().contains("cn04 ok"), run.out());
    assertTrue(run.err().contains("power cycle failed on cn[01-02] (2 of 4)"), run.err());
  }

  @Test
  @DisplayName("a nodeset with nodes outside the inventory is invalid input listing them folded")
  void nodesetOutsideInventory() throws IOException {
    String file = config(ApiGeneration.V0_2, start(ApiGeneration.V0_2));
    CliRun run = CliRun.of("nodes", "provision", "-c", file, "cn[03-07]");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("cn[05-07] not in the inventory"), run.err());
    assertTrue(server.requestLines().isEmpty());
  }

  @Test
  @DisplayName("an unreachable Grendel is exit 3 naming its URL")
  void unreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    String file = config(ApiGeneration.V0_2, url);
    CliRun run = CliRun.of("nodes", "list", "-c", file);
    assertEquals(3, run.exitCode(), run.err());
    assertTrue(run.err().contains(url), run.err());
  }

  @Test
  @DisplayName("a config without provisioning.grendel is exit 2 with a hint")
  void missingGrendelBlock() throws IOException {
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(
        file,
        """
        apiVersion: cfctl.clusterfactory.io/v1beta1
        kind: Cluster
        metadata: {name: t}
        spec:
          hosts:
            - role: single
              ssh: {address: 10.0.0.10}
        """);
    CliRun run = CliRun.of("nodes", "sync", file.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("no spec.provisioning.grendel block"), run.err());
    assertTrue(run.err().contains("Hint:"), run.err());
  }

  @Test
  @DisplayName("a config without api, or with an unset token variable, is exit 2")
  void missingApiOrToken() throws IOException {
    String noApi = config("no-api.yaml", ApiGeneration.V0_2, "", "cn[01-04]");
    CliRun run = CliRun.of("nodes", "list", "-c", noApi);
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("spec.provisioning.grendel.api is not set"), run.err());

    String token =
        config(
            "token.yaml",
            ApiGeneration.V0_2,
            "api: {url: \"http://127.0.0.1:9\", tokenEnv: CFCTL_TEST_UNSET_GRENDEL_TOKEN}",
            "cn[01-04]");
    CliRun unset = CliRun.of("nodes", "sync", "-c", token);
    assertEquals(2, unset.exitCode(), unset.err());
    assertTrue(unset.err().contains("CFCTL_TEST_UNSET_GRENDEL_TOKEN"), unset.err());
  }

  @Test
  @DisplayName("a lone argument is the NODESET; a config file given alone is refused clearly")
  void loneArgumentIsTheNodeset() throws IOException {
    String file = config(ApiGeneration.V0_2, start(ApiGeneration.V0_2));
    CliRun run = CliRun.of("nodes", "provision", file);
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("a lone argument is the NODESET"), run.err());
    assertTrue(run.err().contains("-c " + file), run.err());

    CliRun none = CliRun.of("nodes", "provision", "-c", file);
    assertEquals(2, none.exitCode(), none.err());
    assertTrue(none.err().contains("missing NODESET"), none.err());
  }
}
