package io.clusterfactory.cfctl.k0s.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.k0s.ssh.ExecResult;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import io.clusterfactory.cfctl.k0s.ssh.SshRemoteHost;
import io.clusterfactory.cfctl.testing.LabTier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in k0s on lab hosts, uploaded over SSH the way cfctl uploads the real one. */
@LabTier
class StandInK0sTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Lab lab;
  private static final List<SshRemoteHost> hosts = new ArrayList<>();

  @TempDir static Path dir;

  @BeforeAll
  static void startLab() {
    lab = Lab.create(3);
    Path binary = StandInK0s.write(dir, StandInK0s.DEFAULT_VERSION);
    for (int i = 0; i < lab.size(); i++) {
      SshRemoteHost host = SshRemoteHost.connect(lab.spec(i));
      host.upload(binary, StandInK0s.INSTALL_PATH, 0755);
      hosts.add(host);
    }
  }

  @AfterAll
  static void stopLab() {
    hosts.forEach(SshRemoteHost::close);
    if (lab != null) {
      lab.close();
    }
  }

  /**
   * Runs the stand-in as root on the host (through nsenter: these tests are about k0s, not SSH).
   */
  private static ExecResult k0s(int index, String arguments) {
    return lab.exec(index, StandInK0s.INSTALL_PATH + " " + arguments);
  }

  private static String k0sOk(int index, String arguments) {
    return k0s(index, arguments).orThrow("k0s " + arguments).stdout();
  }

  @Test
  @DisplayName("version is baked in at the marker line; padding keeps the script working")
  void versions() throws IOException {
    // copies under /opt: the other test upgrades /usr/local/bin/k0s
    hosts
        .get(2)
        .upload(StandInK0s.write(dir, StandInK0s.DEFAULT_VERSION), "/opt/k0s-default", 0755);
    assertEquals("v1.31.2+k0s.0\n", hosts.get(2).exec("/opt/k0s-default version").stdout());
    Path newer = StandInK0s.write(dir, "v1.33.0+k0s.1", 3 * 1024 * 1024);
    assertTrue(Files.size(newer) >= 3 * 1024 * 1024);
    hosts.get(2).upload(newer, "/opt/k0s-newer", 0755);
    assertEquals("v1.33.0+k0s.1\n", hosts.get(2).exec("/opt/k0s-newer version --debug").stdout());
    assertTrue(lab.k0sCalls(2).stream().anyMatch(line -> line.matches("\\d+ version --debug")));
  }

  @Test
  @DisplayName(
      "controller + workers: install, start, status json, token lifecycle, kubeconfig, reset")
  void clusterLifecycle() throws Exception {
    // not installed yet: status fails like real k0s does without its status socket
    ExecResult notRunning = k0s(0, "status -o json");
    assertEquals(1, notRunning.exitCode());
    assertTrue(notRunning.stderr().contains("can't get \"status\""), notRunning.stderr());

    hosts.get(0).writeFile("/etc/k0s/k0s.yaml", k0sOk(0, "config create"), 0600);
    k0sOk(0, "config validate --config /etc/k0s/k0s.yaml");
    k0sOk(
        0,
        "install controller --data-dir=/var/lib/k0s --config=/etc/k0s/k0s.yaml --enable-worker=true");
    String unit = lab.file(0, "/etc/systemd/system/k0scontroller.service").orElseThrow();
    assertTrue(
        unit.contains(
            "ExecStart=/usr/local/bin/k0s controller --data-dir=/var/lib/k0s"
                + " --config=/etc/k0s/k0s.yaml --enable-worker=true\n"),
        unit);
    k0sOk(0, "start");

    JsonNode status = JSON.readTree(k0sOk(0, "status -o json"));
    assertEquals("v1.31.2+k0s.0", status.get("Version").asText());
    assertEquals("controller+worker", status.get("Role").asText());
    assertTrue(status.get("Pid").asInt() > 0);
    assertTrue(status.get("Workloads").asBoolean());
    assertEquals("/etc/systemd/system/k0scontroller.service", status.get("StubFile").asText());
    assertEquals(
        List.of(
            "/usr/local/bin/k0s",
            "controller",
            "--data-dir=/var/lib/k0s",
            "--config=/etc/k0s/k0s.yaml",
            "--enable-worker=true"),
        JSON.convertValue(status.get("Args"), List.class));
    assertEquals(lab.host(0).address(), status.at("/ClusterConfig/spec/api/address").asText());
    // the pid is a live process on node-1
    lab.execOk(0, "kill -0 " + status.get("Pid").asInt());

    // a worker cannot install without a token
    ExecResult noToken = k0s(1, "install worker");
    assertEquals(1, noToken.exitCode());
    assertTrue(noToken.stderr().contains("--token-file"), noToken.stderr());

    // join a worker with a fresh token; the token is a real-format gzip+base64 kubeconfig
    String token = k0sOk(0, "token create --role=worker --expiry=10m").strip();
    String kubeconfig = decodeToken(token);
    assertTrue(
        kubeconfig.contains("server: https://" + lab.host(0).address() + ":6443"), kubeconfig);
    String tokenId = kubeconfig.replaceAll("(?s).*token: ([a-z0-9]{6})\\.[a-z0-9]{16}.*", "$1");
    assertTrue(k0sOk(0, "token list --role=worker").contains(tokenId));
    hosts.get(1).writeFile("/etc/k0s/k0stoken", token, 0600);
    k0sOk(1, "install worker --data-dir=/var/lib/k0s --token-file=/etc/k0s/k0stoken");
    k0sOk(1, "start");
    assertEquals("worker", JSON.readTree(k0sOk(1, "status -o json")).get("Role").asText());
    assertEquals(
        Optional.of(lab.host(0).address() + "\n"), lab.file(1, "/var/lib/k0s/standin-joined"));
    assertTrue(k0sOk(0, "kubectl get nodes").contains("node-2"));
    assertTrue(k0sOk(0, "token invalidate " + tokenId).contains(tokenId));
    assertFalse(k0sOk(0, "token list").contains(tokenId));

    // an invalidated token cannot be used to join
    String second = k0sOk(0, "token create --role=worker").strip();
    String secondId = decodeToken(second).replaceAll("(?s).*token: ([a-z0-9]{6})\\..*", "$1");
    k0sOk(0, "token invalidate " + secondId);
    hosts.get(2).writeFile("/etc/k0s/k0stoken", second, 0600);
    k0sOk(2, "install worker --token-file=/etc/k0s/k0stoken");
    ExecResult refused = k0s(2, "start");
    assertEquals(1, refused.exitCode());
    assertTrue(refused.stderr().contains("invalid"), refused.stderr());
    assertEquals(1, k0s(2, "status").exitCode());
    assertFalse(k0sOk(0, "kubectl get nodes").contains("node-3"));
    assertEquals(1, k0s(0, "token invalidate nosuch").exitCode());

    String admin = k0sOk(0, "kubeconfig admin");
    assertTrue(admin.contains("server: https://localhost:6443"), admin);
    assertTrue(admin.contains("client-certificate-data: "), admin);

    // reset refuses while running, then removes k0s but keeps the calls log
    ExecResult busy = k0s(1, "reset");
    assertEquals(1, busy.exitCode());
    assertTrue(busy.stderr().contains("k0s seems to be running"), busy.stderr());
    k0sOk(1, "stop");
    k0sOk(1, "reset");
    assertFalse(hosts.get(1).exists("/var/lib/k0s"));
    assertFalse(hosts.get(1).exists("/etc/systemd/system/k0sworker.service"));
    assertEquals("", lab.execOk(1, "ls -A /etc/k0s"));
    List<String> calls = lab.k0sCalls(1);
    assertTrue(calls.get(calls.size() - 1).endsWith(" reset"), calls.toString());
    assertTrue(
        calls.stream()
            .anyMatch(
                line ->
                    line.matches(
                        "\\d+ install worker --data-dir=/var/lib/k0s --token-file=/etc/k0s/k0stoken")),
        calls.toString());
    // as with the real k0s, the Node object outlives the reset until it is deleted
    assertTrue(k0sOk(0, "kubectl get nodes").matches("(?s).*node-2 +NotReady.*"));
    assertTrue(k0sOk(0, "kubectl delete node node-2").contains("deleted"));
    assertFalse(k0sOk(0, "kubectl get nodes").contains("node-2"));
    assertEquals(1, k0s(0, "kubectl delete node node-2").exitCode());
    k0sOk(0, "kubectl delete node node-2 --ignore-not-found");
    assertTrue(k0sOk(0, "kubectl get nodes").contains("node-1"), "controller+worker is a node");
    // taints: added (again only with --overwrite), removed by key and effect
    k0sOk(0, "kubectl taint nodes node-1 evict=true:NoExecute --overwrite");
    assertEquals(1, k0s(0, "kubectl taint nodes node-1 evict=yes:NoExecute").exitCode());
    k0sOk(0, "kubectl taint nodes node-1 evict:NoExecute-");
    assertEquals(1, k0s(0, "kubectl taint nodes node-1 evict:NoExecute-").exitCode());

    // a controller joins only with a controller token
    String workerToken = k0sOk(0, "token create --role=worker").strip();
    hosts.get(2).writeFile("/etc/k0s/k0stoken", workerToken, 0600);
    k0sOk(2, "install controller --force --token-file=/etc/k0s/k0stoken");
    ExecResult wrongRole = k0s(2, "start");
    assertEquals(1, wrongRole.exitCode());
    assertTrue(wrongRole.stderr().contains("is for a worker"), wrongRole.stderr());
    hosts
        .get(2)
        .writeFile("/etc/k0s/k0stoken", k0sOk(0, "token create --role=controller").strip(), 0600);
    k0sOk(2, "start");
    assertEquals("controller", JSON.readTree(k0sOk(2, "status -o json")).get("Role").asText());
    JsonNode members = JSON.readTree(k0sOk(0, "etcd member-list")).get("members");
    assertEquals(
        "https://" + lab.host(2).address() + ":2380",
        members.get("node-3").asText(),
        members.toString());
    assertTrue(members.has("node-1"));

    // upgrade: status reports the running version until k0s is restarted with the new binary
    hosts.get(0).upload(StandInK0s.write(dir, "v1.32.1+k0s.0"), StandInK0s.INSTALL_PATH, 0755);
    assertEquals("v1.32.1+k0s.0\n", k0sOk(0, "version"));
    assertEquals(
        "v1.31.2+k0s.0", JSON.readTree(k0sOk(0, "status -o json")).get("Version").asText());
    k0sOk(0, "stop");
    k0sOk(0, "start");
    assertEquals(
        "v1.32.1+k0s.0", JSON.readTree(k0sOk(0, "status -o json")).get("Version").asText());
  }

  @Test
  @DisplayName("config validate rejects broken YAML and accepts a k0s ClusterConfig")
  void configValidate() {
    writeOnHost(
        2,
        "/tmp/good.yaml",
        "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nmetadata:\n  name: k0s\nspec:\n  api:\n    sans: [a, b]\n    extraArgs:\n      x: \"y: z\"\n  installConfig: |\n    anything: goes: here\n");
    assertEquals(0, k0s(2, "config validate --config /tmp/good.yaml").exitCode());
    for (String broken :
        List.of(
            "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  api: [oops\n",
            "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n\tapi: {}\n",
            "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec: a: b\n",
            "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  just some words\n",
            "apiVersion: v1\nkind: Pod\n")) {
      writeOnHost(2, "/tmp/bad.yaml", broken);
      ExecResult result = k0s(2, "config validate --config /tmp/bad.yaml");
      assertEquals(1, result.exitCode(), broken);
      assertTrue(result.stderr().startsWith("Error: "), result.stderr());
    }
  }

  private static void writeOnHost(int index, String path, String content) {
    lab.execOk(index, "printf %s " + ShellQuote.quote(content) + " > " + path);
  }

  private static String decodeToken(String token) throws IOException {
    byte[] gzipped = Base64.getDecoder().decode(token);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
