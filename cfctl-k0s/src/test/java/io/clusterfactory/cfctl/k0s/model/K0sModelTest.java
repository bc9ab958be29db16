package io.clusterfactory.cfctl.k0s.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.v1beta1.Role;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class K0sModelTest {

  @Test
  void versionsOrderReleasesAfterTheirPreReleasesAndByBuild() {
    assertTrue(K0sVersion.parse("v1.31.2+k0s.0").compareTo(K0sVersion.parse("v1.31.10+k0s.0")) < 0);
    assertTrue(
        K0sVersion.parse("v1.32.0-rc.1+k0s.0").compareTo(K0sVersion.parse("v1.32.0+k0s.0")) < 0);
    assertTrue(K0sVersion.parse("v1.31.2+k0s.1").compareTo(K0sVersion.parse("v1.31.2+k0s.0")) > 0);
    assertEquals("v1.31.2+k0s.0", K0sVersion.find("k0s version: v1.31.2+k0s.0\n").toString());
    assertThrows(InvalidInputException.class, () -> K0sVersion.parse("latest"));
  }

  @Test
  void statusJsonGivesTheRoleAsCfctlSpellsIt() {
    K0sStatus s =
        K0sStatus.parse(
            "{\"Version\":\"v1.31.2+k0s.0\",\"Pid\":7,\"Role\":\"controller+worker\","
                + "\"Workloads\":true,\"SingleNode\":false,\"Args\":[\"k0s\",\"controller\","
                + "\"--enable-worker=true\"]}");
    assertEquals(Role.CONTROLLER_WORKER, s.asRole());
    assertEquals(7, s.pid());
    assertEquals(
        Role.WORKER,
        K0sStatus.parse("{\"Version\":\"v1.31.2+k0s.0\",\"Role\":\"worker\"}").asRole());
    assertThrows(IllegalArgumentException.class, () -> K0sStatus.parse("Error: not running"));
  }

  @Test
  void installedFlagsAreComparedIgnoringOrderPathsAndKubeletArgOrder() {
    List<String> unit =
        InstallFlags.fromServiceFile(
            "[Service]\nExecStart=/usr/local/bin/k0s worker --data-dir=/var/lib/k0s"
                + " --token-file=/etc/k0s/k0stoken"
                + " \"--kubelet-extra-args=--node-ip=10.0.0.2 --hostname-override=w1\"\n");
    List<String> expected =
        List.of(
            "--data-dir=/var/lib/k0s",
            "--kubelet-extra-args=--hostname-override=w1 --node-ip=10.0.0.2",
            "--token-file=/other/token");
    assertFalse(InstallFlags.differ(expected, unit));
    List<String> labelled = new java.util.ArrayList<>(expected);
    labelled.add("--labels=tier=compute");
    assertTrue(InstallFlags.differ(labelled, unit));
  }

  @Test
  void installFlagsAreShellWordsSoQuotedValuesReachK0sAndCompareEqualOnTheNextRun(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("cluster.yaml");
    java.nio.file.Files.writeString(
        file,
        "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata: {name: x}\n"
            + "spec:\n  hosts:\n    - role: controller\n      ssh: {address: 10.0.0.1}\n"
            + "    - role: worker\n      ssh: {address: 10.0.0.2}\n"
            + "      installFlags: ['--labels=\"topology.kubernetes.io/zone=zone-a\"']\n");
    var host =
        new io.clusterfactory.cfctl.core.config.ConfigLoader(
                k -> null, io.clusterfactory.cfctl.core.config.ValidationMode.OFFLINE)
            .load(file)
            .cluster()
            .spec()
            .hosts()
            .get(1);
    List<String> flags =
        InstallFlags.expected(host, "10.0.0.2", "/etc/k0s/k0s.yaml", "/t", true, false);
    assertTrue(flags.contains("--labels=topology.kubernetes.io/zone=zone-a"), flags.toString());
    List<String> words =
        InstallFlags.split(
            InstallFlags.installCommand("/usr/local/bin/k0s", Role.WORKER, flags, false));
    // what k0s writes into its unit, read back on the next run, is what was expected
    List<String> unit =
        InstallFlags.fromServiceFile(
            "ExecStart=/usr/local/bin/k0s worker "
                + String.join(
                    " ",
                    words.subList(3, words.size()).stream()
                        .map(w -> w.contains(" ") ? "\"" + w + "\"" : w)
                        .toList()));
    assertFalse(InstallFlags.differ(flags, unit), unit + " vs " + flags);
  }

  @Test
  void theServiceEnvironmentIsReadFromSystemdAndOpenRcAndComparedLikeFlags() {
    List<String> expected =
        List.of("--data-dir=/var/lib/k0s", "--env=HTTP_PROXY=http://p:3128", "--env=NO_PROXY=a,b");
    List<String> systemd =
        InstallFlags.fromServiceFile(
            "[Service]\nEnvironment=\"HTTP_PROXY=http://p:3128\" NO_PROXY=a,b\n"
                + "ExecStart=/usr/local/bin/k0s worker --data-dir=/var/lib/k0s\n");
    assertFalse(InstallFlags.differ(expected, systemd), systemd.toString());
    List<String> openrc =
        InstallFlags.fromServiceFile(
            "#!/sbin/openrc-run\ncommand_args=\"worker --data-dir=/var/lib/k0s\"\n"
                + "export HTTP_PROXY=\"http://p:3128\"\nexport NO_PROXY=\"a,b\"\n");
    assertFalse(InstallFlags.differ(expected, openrc), openrc.toString());
    assertTrue(
        InstallFlags.differ(
            List.of("--data-dir=/var/lib/k0s", "--env=HTTP_PROXY=http://other:3128"), systemd));
    assertTrue(InstallFlags.differ(List.of("--data-dir=/var/lib/k0s"), systemd), "removed");
  }

  @Test
  void joinTokenIdIsTheBootstrapTokenBeforeTheDot() throws Exception {
    String kubeconfig =
        "apiVersion: v1\nusers:\n- name: kubelet-bootstrap\n  user:\n"
            + "    token: abc123.s3cr3t\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(kubeconfig.getBytes(StandardCharsets.UTF_8));
    }
    String token = Base64.getEncoder().encodeToString(bytes.toByteArray());
    assertEquals("abc123", JoinToken.id(token).orElseThrow());
    assertTrue(JoinToken.id("not a token").isEmpty());
  }

  @Test
  void renderedConfigIsDeterministicWithSansAndPeerAddress() {
    Map<String, Object> spec =
        Map.of("spec", Map.of("api", Map.of("sans", List.of("lb.example.org"))));
    String a =
        K0sConfigs.render(K0sConfigs.tree(spec), List.of("10.0.0.2", "10.0.0.1"), "10.0.0.1");
    String b =
        K0sConfigs.render(K0sConfigs.tree(spec), List.of("10.0.0.1", "10.0.0.2"), "10.0.0.1");
    assertEquals(a, b);
    assertTrue(a.contains("kind: ClusterConfig"), a);
    assertTrue(a.contains("- \"10.0.0.1\"\n") && a.contains("- lb.example.org"), a);
    assertTrue(a.contains("peerAddress: \"10.0.0.1\""), a);
    assertTrue(K0sConfigs.same(a, a.replace(K0sConfigs.HEADER, "# other comment\n")));
  }

  @Test
  void renderedConfigQuotesStringsAYaml11ReaderWouldType() {
    Map<String, Object> spec =
        Map.of(
            "spec",
            Map.of(
                "api", Map.of("extraArgs", Map.of("a", "yes", "b", "0x10", "c", "1e3", "d", 7))));
    String a = K0sConfigs.render(K0sConfigs.tree(spec), List.of(), null);
    assertTrue(a.contains("a: \"yes\"\n"), a);
    assertTrue(a.contains("b: \"0x10\"\n"), a);
    assertTrue(a.contains("c: \"1e3\"\n"), a);
    assertTrue(a.contains("d: 7\n"), a);
  }

  @Test
  void kubeconfigKeepsCredentialsAndRenamesEverything() {
    String raw =
        "apiVersion: v1\nclusters:\n- cluster:\n    server: https://localhost:6443\n"
            + "    certificate-authority-data: Q0E=\n  name: local\ncontexts:\n- context:\n"
            + "    cluster: local\n    user: user\n  name: Default\ncurrent-context: Default\n"
            + "kind: Config\nusers:\n- name: user\n  user:\n    client-key-data: S0VZ\n";
    String out = Kubeconfigs.rewrite(raw, Kubeconfigs.serverUrl("fd00::1", 6443), "lab", "ops");
    assertTrue(out.contains("https://[fd00::1]:6443"), out);
    assertTrue(out.contains("current-context: lab"), out);
    assertTrue(out.contains("name: ops") && out.contains("client-key-data: S0VZ"), out);
    assertFalse(out.contains("Default") || out.contains("localhost"), out);
  }

  @Test
  void aLockIsDeadWhenItsHeartbeatIsStaleOrItsLocalProcessIsGone() {
    HostLock.Holder remote =
        HostLock.Holder.parse("cfctl run=ab pid=1 client=elsewhere started=1700000000")
            .orElseThrow();
    assertFalse(HostLock.isDead(remote, 5, "here", Duration.ofSeconds(30)));
    assertTrue(HostLock.isDead(remote, 31, "here", Duration.ofSeconds(30)));
    long gone = Long.MAX_VALUE / 2;
    HostLock.Holder local =
        HostLock.Holder.parse("cfctl run=cd pid=" + gone + " client=here started=1").orElseThrow();
    assertTrue(HostLock.isDead(local, 0, "here", Duration.ofSeconds(30)));
    assertEquals(
        new HostLock.Probe(false, true, 12, "cfctl run=x"),
        HostLock.parseProbe("HELD 12\ncfctl run=x\n"));
  }
}
