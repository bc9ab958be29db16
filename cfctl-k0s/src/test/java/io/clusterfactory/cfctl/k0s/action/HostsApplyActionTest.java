package io.clusterfactory.cfctl.k0s.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterApplyAction;
import io.clusterfactory.cfctl.core.apply.ClusterKubeconfigAction;
import io.clusterfactory.cfctl.core.apply.NoSealing;
import io.clusterfactory.cfctl.core.apply.Plan;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import io.clusterfactory.cfctl.k0s.FakeK0sHost;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import io.clusterfactory.cfctl.k0s.K0sHostPhases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsApplyActionTest {
  static final String V1 = "v1.31.2+k0s.0";
  static final String V2 = "v1.31.3+k0s.0";

  @TempDir Path dir;
  final Map<String, FakeK0sHost> hosts = new LinkedHashMap<>();
  final List<String> down = new ArrayList<>();
  Path binary;

  @BeforeEach
  void setUp() throws IOException {
    hosts.put("10.0.0.1", new FakeK0sHost("10.0.0.1", "ctl-1"));
    hosts.put("10.0.0.2", new FakeK0sHost("10.0.0.2", "wrk-1"));
    hosts.put("10.0.0.3", new FakeK0sHost("10.0.0.3", "wrk-2"));
    binary = dir.resolve("k0s");
    Files.write(binary, FakeK0sHost.binary(V1));
    Files.writeString(dir.resolve("id_ed25519"), "key");
  }

  LoadedConfig config(String version, String extraWorkerFlags) throws IOException {
    return config(version, extraWorkerFlags, "", "");
  }

  /**
   * @param workerYaml more fields of each worker, indented as host fields (" environment: ...")
   * @param k0sYaml more fields of spec.k0s, indented as its fields
   */
  LoadedConfig config(String version, String extraWorkerFlags, String workerYaml, String k0sYaml)
      throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\n")
        .append("metadata:\n  name: lab\nspec:\n  hosts:\n");
    int i = 0;
    for (String address : hosts.keySet()) {
      y.append("  - role: ")
          .append(i++ == 0 ? "controller" : "worker")
          .append('\n')
          .append("    ssh:\n      address: ")
          .append(address)
          .append('\n')
          .append("      keyPath: id_ed25519\n")
          .append("    k0sBinaryPath: k0s\n");
      if (i > 1 && extraWorkerFlags != null) {
        y.append("    installFlags: [\"").append(extraWorkerFlags).append("\"]\n");
      }
      if (i > 1) {
        y.append(workerYaml);
      }
    }
    y.append("  k0s:\n    version: ").append(version).append('\n').append(k0sYaml);
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(file, y.toString());
    return ConfigLoader.forApply().load(file);
  }

  ApplyOptions options(boolean dryRun) {
    return ApplyOptions.defaults().dryRun(dryRun).timeout(java.time.Duration.ofMinutes(5)).build();
  }

  HostsSettings settings() {
    return HostsSettings.defaults()
        .withWaitTimeout(java.time.Duration.ofSeconds(3))
        .withConnector(FakeK0sHost.connector(hosts, down));
  }

  HostsApplyAction action(LoadedConfig config, ApplyOptions options) {
    return new HostsApplyAction(config, options, settings());
  }

  HostsApplyResult apply(boolean dryRun) throws IOException {
    return action(config(V1, null), options(dryRun)).run();
  }

  FakeK0sHost host(int n) {
    return new ArrayList<>(hosts.values()).get(n);
  }

  Map<String, Map<String, byte[]>> snapshot() {
    Map<String, Map<String, byte[]>> all = new HashMap<>();
    hosts.forEach((a, h) -> all.put(a, new HashMap<>(h.files())));
    return all;
  }

  @Test
  void freshApplyInstallsLeaderThenJoinsWorkersWithOneInvalidatedToken() throws IOException {
    HostsApplyResult result = apply(false);

    for (FakeK0sHost h : hosts.values()) {
      assertEquals(V1, h.runningVersion(), h.name());
      assertFalse(h.files().containsKey("/run/lock/cfctl.lock"), "lock released on " + h.name());
    }
    FakeK0sHost leader = host(0);
    assertEquals("controller", leader.unitRole());
    assertFalse(leader.unitArgs().stream().anyMatch(a -> a.startsWith("--token-file")));
    assertEquals(1, leader.tokensCreated(), "one worker token for the whole batch");
    assertEquals(List.of("abc1"), leader.invalidated());
    for (int i = 1; i < 3; i++) {
      assertEquals("worker", host(i).unitRole());
      assertTrue(host(i).unitArgs().contains("--kubelet-extra-args=--node-ip=10.0.0." + (i + 1)));
      assertTrue(host(i).text("/etc/k0s/k0stoken").startsWith("#"), "used token overwritten");
    }
    assertTrue(
        leader.text("/etc/k0s/k0s.yaml").contains("peerAddress: \"10.0.0.1\""),
        leader.text("/etc/k0s/k0s.yaml"));
    assertEquals(V1, result.k0sVersion());
    assertEquals("root@10.0.0.1:22", result.leader());
    assertFalse(result.changes().isEmpty());
  }

  @Test
  void secondApplyChangesNothing() throws IOException {
    apply(false);
    hosts.values().forEach(h -> h.clearCommands());
    HostsApplyResult again = apply(false);

    assertEquals(List.of(), again.changes());
    assertTrue(again.plan().isEmpty());
    for (FakeK0sHost h : hosts.values()) {
      assertTrue(
          h.commands().stream()
              .noneMatch(
                  c ->
                      c.contains("k0s install")
                          || c.contains("k0s start")
                          || c.contains("k0s stop")
                          || c.contains(" > /etc/")
                          || c.startsWith("<")),
          h.name() + " ran " + h.commands());
    }
  }

  @Test
  void dryRunPlansEverythingAndTouchesNothing() throws IOException {
    var before = snapshot();
    HostsApplyResult plan = apply(true);

    assertTrue(plan.plan().dryRun());
    assertEquals(
        List.of("root@10.0.0.1:22", "root@10.0.0.2:22", "root@10.0.0.3:22"),
        plan.plan().targets().stream().sorted().toList());
    assertTrue(plan.plan().toText().contains("install the first k0s controller"));
    assertTrue(plan.plan().toText().contains("install k0s worker"));
    var after = snapshot();
    for (String a : before.keySet()) {
      assertEquals(before.get(a).keySet(), after.get(a).keySet(), "files of " + a);
    }
    for (FakeK0sHost h : hosts.values()) {
      assertTrue(
          h.commands().stream().noneMatch(c -> c.startsWith("<") || c.contains("set -C")),
          h.name() + " ran " + h.commands());
    }
  }

  @Test
  void dryRunPlanIsDeterministic() throws IOException {
    String first = apply(true).plan().toJson();
    String second = apply(true).plan().toJson();
    assertEquals(first, second);
    assertTrue(first.contains("\"dryRun\" : true"));
  }

  @Test
  void unreachableHostFailsWithExit3NamingItBeforeAnyChange() throws IOException {
    down.add("10.0.0.3");
    CfctlException e = assertThrows(CfctlException.class, () -> apply(false));

    assertEquals(ExitCode.UNREACHABLE, e.exitCode());
    assertTrue(e.getMessage().contains("root@10.0.0.3:22"), e.getMessage());
    assertTrue(host(0).commands().isEmpty(), "nothing ran on the reachable hosts");
    assertTrue(host(1).closed(), "connections of reachable hosts closed");
  }

  @Test
  void versionUpgradeRestartsEveryHostOnTheNewBinary() throws IOException {
    apply(false);
    Files.write(binary, FakeK0sHost.binary(V2));
    HostsApplyResult up = action(config(V2, null), options(false)).run();

    for (FakeK0sHost h : hosts.values()) {
      assertEquals(V2, h.runningVersion(), h.name());
    }
    assertTrue(up.changes().stream().anyMatch(c -> c.phase().equals("Upgrade controllers")));
    assertTrue(up.changes().stream().anyMatch(c -> c.phase().equals("Upgrade workers")));
    assertTrue(up.changes().stream().anyMatch(c -> c.description().startsWith("drain node wrk-1")));
  }

  @Test
  void noDrainFromTheApplyFlagsUpgradesWithoutDraining() throws IOException {
    action(config(V1, null), options(false)).run();
    Files.write(binary, FakeK0sHost.binary(V2));
    var up = action(config(V2, null), options(false).toBuilder().noDrain(true).build()).run();

    assertEquals(V2, host(2).runningVersion());
    assertTrue(up.changes().stream().anyMatch(c -> c.phase().equals("Upgrade workers")));
    assertFalse(
        up.changes().stream().anyMatch(c -> c.description().startsWith("drain node")),
        up.changes().toString());
  }

  @Test
  void downgradeIsRefusedBeforeAnyChange() throws IOException {
    Files.write(binary, FakeK0sHost.binary(V2));
    action(config(V2, null), options(false)).run();
    var before = snapshot();

    assertThrows(InvalidInputException.class, () -> action(config(V1, null), options(false)).run());
    assertEquals(before.get("10.0.0.1").keySet(), snapshot().get("10.0.0.1").keySet());
    assertEquals(V2, host(0).runningVersion());
  }

  @Test
  void changedInstallFlagsReinstallOnlyTheWorkers() throws IOException {
    apply(false);
    HostsApplyResult r = action(config(V1, "--labels=tier=compute"), options(false)).run();

    List<String> reinstalled =
        r.changes().stream()
            .filter(c -> c.phase().equals("Reinstall") && c.description().contains("install"))
            .map(PlannedChange::target)
            .distinct()
            .toList();
    assertEquals(List.of("root@10.0.0.2:22", "root@10.0.0.3:22"), reinstalled);
    assertTrue(host(1).unitArgs().contains("--labels=tier=compute"));
    HostsApplyResult again = action(config(V1, "--labels=tier=compute"), options(false)).run();
    assertEquals(List.of(), again.changes());
  }

  @Test
  void environmentReachesEveryCommandAndTheServiceAndAChangeReinstalls() throws IOException {
    String proxy = "    environment:\n      HTTP_PROXY: http://user:secret@proxy:3128\n";
    HostsApplyResult first = action(config(V1, null, proxy, ""), options(false)).run();

    FakeK0sHost worker = host(1);
    List<String> commands = worker.commands();
    List<Map<String, String>> envs = worker.environments();
    for (int c = 0; c < commands.size(); c++) {
      if (!commands.get(c).startsWith("<")) {
        assertEquals(
            "http://user:secret@proxy:3128", envs.get(c).get("HTTP_PROXY"), commands.get(c));
      }
    }
    assertEquals(
        Map.of("HTTP_PROXY", "http://user:secret@proxy:3128"), worker.runningEnvironment());
    assertTrue(host(0).environments().stream().allMatch(Map::isEmpty), "the controller has none");
    assertEquals(Map.of(), host(0).runningEnvironment());
    assertFalse(first.changes().toString().contains("secret"), first.changes().toString());

    String other = "    environment:\n      HTTP_PROXY: http://proxy2:3128\n";
    HostsApplyResult changed = action(config(V1, null, other, ""), options(false)).run();
    assertEquals(
        List.of("root@10.0.0.2:22", "root@10.0.0.3:22"),
        changed.changes().stream()
            .filter(c -> c.phase().equals("Reinstall") && c.description().contains("install"))
            .map(PlannedChange::target)
            .distinct()
            .toList());
    assertEquals(Map.of("HTTP_PROXY", "http://proxy2:3128"), worker.runningEnvironment());
    assertEquals(List.of(), action(config(V1, null, other, ""), options(false)).run().changes());

    action(config(V1, null, "", ""), options(false)).run();
    assertEquals(Map.of(), worker.runningEnvironment(), "a removed variable leaves the service");
  }

  @Test
  void dynamicConfigInstallsControllersWithTheFlagAndTurningItOnReinstallsThem()
      throws IOException {
    apply(false);
    assertFalse(host(0).unitArgs().contains("--enable-dynamic-config=true"));

    HostsApplyResult r =
        action(config(V1, null, "", "    dynamicConfig: true\n"), options(false)).run();
    assertEquals(
        List.of("root@10.0.0.1:22"),
        r.changes().stream()
            .filter(c -> c.phase().equals("Reinstall") && c.description().contains("install"))
            .map(PlannedChange::target)
            .distinct()
            .toList());
    assertTrue(
        host(0).unitArgs().contains("--enable-dynamic-config=true"), host(0).unitArgs().toString());
    assertFalse(host(1).unitArgs().stream().anyMatch(a -> a.contains("dynamic-config")));
  }

  @Test
  void aDynamicConfigClusterRefusesAChangeK0sWouldNotReconcileFromTheFile() throws IOException {
    String telemetryOff =
        "    dynamicConfig: true\n    config:\n      spec:\n        telemetry:\n"
            + "          enabled: false\n";
    action(config(V1, null, "", telemetryOff), options(false)).run();
    assertTrue(host(0).text("/etc/k0s/k0s.yaml").contains("telemetry"));
    String before = host(0).text("/etc/k0s/k0s.yaml");

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                action(config(V1, null, "", telemetryOff.replace("false", "true")), options(false))
                    .run());
    assertTrue(
        e.getMessage().startsWith("spec.k0s.config.spec.telemetry changed on a running cluster"),
        e.getMessage());
    assertEquals(before, host(0).text("/etc/k0s/k0s.yaml"), "nothing written");

    String apiPort = telemetryOff + "        api:\n          port: 7443\n";
    action(config(V1, null, "", apiPort), options(false)).run();
    assertTrue(host(0).text("/etc/k0s/k0s.yaml").contains("7443"), "node sections still apply");
  }

  @Test
  void dirPermIsTheModeOfTheDestinationFolder() throws IOException {
    String files =
        "    files:\n      - name: conf\n        data: hello\n        dst: /opt/app/conf/a.txt\n"
            + "        dirPerm: \"0700\"\n";
    action(config(V1, null, files, ""), options(false)).run();
    assertEquals("700", host(1).dirs.get("/opt/app/conf"));
    assertTrue(host(1).files().containsKey("/opt/app/conf/a.txt"));
    assertFalse(host(0).dirs.containsKey("/opt/app/conf"), "only the workers have the file");

    host(1).dirs.put("/opt/app/conf", "755");
    HostsApplyResult r = action(config(V1, null, files, ""), options(false)).run();
    assertEquals(
        List.of("set mode of folder /opt/app/conf: chmod 0700 /opt/app/conf"),
        r.changes().stream()
            .filter(c -> c.target().equals("root@10.0.0.2:22"))
            .map(PlannedChange::description)
            .toList());
    assertEquals("700", host(1).dirs.get("/opt/app/conf"));
    assertEquals(List.of(), action(config(V1, null, files, ""), options(false)).run().changes());
  }

  @Test
  void liveForeignLockRefusesTheRunNamingTheHolder() throws IOException {
    host(1)
        .putFile(
            "/run/lock/cfctl.lock", "cfctl run=other pid=1 client=elsewhere started=1700000000\n");
    host(1).lockAge(3);

    CfctlException e = assertThrows(CfctlException.class, () -> apply(false));

    assertTrue(e.getMessage().contains("run other"), e.getMessage());
    assertTrue(e.getMessage().contains("root@10.0.0.2:22"), e.getMessage());
    assertFalse(host(0).files().containsKey("/run/lock/cfctl.lock"), "own locks released");
    assertFalse(host(0).files().containsKey(FakeK0sHost.K0S), "nothing installed");
  }

  @Test
  void staleLockOfADeadRunIsTakenOver() throws IOException {
    host(1)
        .putFile(
            "/run/lock/cfctl.lock", "cfctl run=dead pid=1 client=elsewhere started=1700000000\n");
    host(1).lockAge(300);

    apply(false);

    assertEquals(V1, host(1).runningVersion());
    assertFalse(host(1).files().containsKey("/run/lock/cfctl.lock"));
  }

  @Test
  void dryRunWithAForeignLockWritesNothingAndRefuses() throws IOException {
    host(1)
        .putFile(
            "/run/lock/cfctl.lock", "cfctl run=other pid=1 client=elsewhere started=1700000000\n");
    CfctlException e = assertThrows(CfctlException.class, () -> apply(true));
    assertTrue(e.getMessage().contains("another cfctl run holds"), e.getMessage());
    assertFalse(host(0).files().containsKey("/run/lock/cfctl.lock"));
  }

  @Test
  void clockSkewIsRefused() throws IOException {
    host(2).clockOffset(120);
    CfctlException e = assertThrows(CfctlException.class, () -> apply(false));
    assertTrue(e.getMessage().contains("root@10.0.0.3:22"), e.getMessage());
    assertFalse(host(0).files().containsKey(FakeK0sHost.K0S));
  }

  @Test
  void duplicateHostnamesAreRefused() throws IOException {
    hosts.put("10.0.0.3", new FakeK0sHost("10.0.0.3", "wrk-1"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> apply(false));
    assertTrue(e.getMessage().contains("wrk-1"), e.getMessage());
  }

  @Test
  void roleChangeIsRefused() throws IOException {
    apply(false);
    Map<String, FakeK0sHost> swapped = new LinkedHashMap<>();
    swapped.put("10.0.0.2", hosts.get("10.0.0.2"));
    swapped.put("10.0.0.1", hosts.get("10.0.0.1"));
    swapped.put("10.0.0.3", hosts.get("10.0.0.3"));
    hosts.clear();
    hosts.putAll(swapped);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> apply(false));
    assertTrue(e.getMessage().contains("role"), e.getMessage());
  }

  @Test
  void theWholeApplyWithOnlyHostsRunsTheSameListWithTheFlagsOnTop() throws IOException {
    var phases = new K0sHostPhases(settings());
    ApplyOptions hostsOnly =
        options(true).toBuilder()
            .parts(java.util.EnumSet.of(ApplyPart.HOSTS))
            .concurrency(2, null)
            .build();
    var plan = new ClusterApplyAction<>(phases, new NoSealing()).run(config(V1, null), hostsOnly);
    assertFalse(plan.changes().isEmpty());
    assertFalse(host(0).files().containsKey(FakeK0sHost.K0S), "dry run changed nothing");
    var done =
        new ClusterApplyAction<>(phases, new NoSealing())
            .run(config(V1, null), hostsOnly.toBuilder().dryRun(false).build());
    assertEquals(
        steps(plan.changes()), steps(done.changes()), "the dry run planned what the run did");
    assertEquals(V1, host(2).runningVersion());
  }

  /** Phase and target of each change, in plan order (descriptions name ids only a run knows). */
  static List<String> steps(List<PlannedChange> changes) {
    return Plan.of(true, changes).phases().stream()
        .flatMap(p -> p.changes().stream().map(c -> p.phase() + " | " + c.target()))
        .toList();
  }

  String kubeconfig(String address) throws IOException {
    return new ClusterKubeconfigAction<>(new K0sHostPhases(settings()))
        .run(config(V1, null), options(false).toBuilder().kubeconfigAddress(address).build());
  }

  @Test
  void kubeconfigIsRewrittenToTheControllerAndRenamed() throws IOException {
    apply(false);
    String kubeconfig = kubeconfig(null);

    assertTrue(kubeconfig.contains("server: https://10.0.0.1:6443"), kubeconfig);
    assertTrue(kubeconfig.contains("current-context: lab"), kubeconfig);
    assertTrue(kubeconfig.contains("name: admin"), kubeconfig);
    assertFalse(kubeconfig.contains("localhost"), kubeconfig);
    String overridden = kubeconfig("api.example.org");
    assertTrue(kubeconfig("10.9.9.9:7443").contains("server: https://10.9.9.9:7443"));
    assertTrue(overridden.contains("server: https://api.example.org:6443"), overridden);
  }

  @Test
  void resetDryRunListsWhatItWouldRemoveOnEachHostAndChangesNothing() throws IOException {
    apply(false);
    var before = snapshot();
    HostsApplyResult plan = action(config(V1, null), options(true)).reset();
    assertEquals(
        List.of("root@10.0.0.1:22", "root@10.0.0.2:22", "root@10.0.0.3:22"),
        plan.plan().targets().stream().sorted().toList());
    assertTrue(plan.plan().toText().contains("Reset hosts"), plan.plan().toText());
    assertEquals(before.keySet(), snapshot().keySet());
    for (var e : before.entrySet()) {
      assertEquals(e.getValue().keySet(), snapshot().get(e.getKey()).keySet(), e.getKey());
    }
    assertEquals(V1, host(0).runningVersion(), "still running");
  }

  @Test
  void resetRemovesK0sAndASecondResetDoesNothing() throws IOException {
    apply(false);
    HostsApplyResult r = action(config(V1, null), options(false)).reset();

    for (FakeK0sHost h : hosts.values()) {
      assertFalse(h.files().containsKey(FakeK0sHost.K0S), h.name());
      assertEquals(null, h.runningVersion());
      assertEquals(null, h.unitRole());
    }
    assertNotEquals(List.of(), r.changes());
    assertEquals(List.of(), action(config(V1, null), options(false)).reset().changes());
  }

  /** What a run killed halfway leaves: temp files, a fan-out folder, a live token and its id. */
  void leaveWhatAKilledRunLeaves() {
    host(0).putFile("/usr/local/bin/.k0s.cfctl-tmp-0123456789abcdef", "partial");
    host(0).putFile("/etc/k0s/.k0s.yaml.cfctl-tmp-00000000deadbeef", "partial");
    host(0).putFile("/run/cfctl-seed-killed/pid", "4242");
    host(0).putFile("/run/cfctl-seed-killed/serve.py", "print()");
    host(1).putFile("/usr/local/bin/.k0s.cfctl-tmp-fedcba9876543210", "partial");
    host(0)
        .exec(
            "t=$(" + FakeK0sHost.K0S + " token create --role=worker --expiry=10m) || exit $?",
            io.clusterfactory.cfctl.k0s.ssh.ExecOptions.defaults());
    host(2).putFile("/etc/k0s/k0stoken", "H4sIAAAA-the-killed-runs-token");
  }

  @Test
  void theNextRunRemovesTempFilesAndInvalidatesTheTokensAKilledRunLeft() throws IOException {
    apply(false);
    leaveWhatAKilledRunLeaves();
    String killedToken = "abc2";
    var before = snapshot();

    HostsApplyResult plan = apply(true);

    String text = plan.plan().toText();
    for (String line :
        List.of(
            "remove /usr/local/bin/.k0s.cfctl-tmp-0123456789abcdef",
            "remove /etc/k0s/.k0s.yaml.cfctl-tmp-00000000deadbeef",
            "remove /usr/local/bin/.k0s.cfctl-tmp-fedcba9876543210",
            "remove /run/cfctl-seed-killed",
            "invalidate the join token " + killedToken,
            "overwrite the join token an interrupted cfctl run left in /etc/k0s/k0stoken")) {
      assertTrue(text.contains(line), "planned: " + line + "\n" + text);
    }
    assertTrue(
        plan.changes().stream()
            .allMatch(c -> c.phase().equals("Clean up what interrupted runs left")),
        "a converged cluster has nothing else to do: " + plan.changes());
    var after = snapshot();
    for (String a : before.keySet()) {
      assertEquals(before.get(a).keySet(), after.get(a).keySet(), "dry run left " + a + " alone");
    }
    assertEquals(List.of("abc1"), host(0).invalidated(), "the dry run invalidated nothing");

    apply(false);

    for (FakeK0sHost h : hosts.values()) {
      assertTrue(
          h.files().keySet().stream().noneMatch(p -> p.contains(".cfctl-tmp-")),
          h.name() + " " + h.files().keySet());
      assertTrue(h.files().keySet().stream().noneMatch(p -> p.startsWith("/run/cfctl-seed-")));
    }
    assertEquals(List.of("abc1", killedToken), host(0).invalidated());
    assertFalse(host(0).files().containsKey(FakeK0sHost.TOKEN_RECORD), "record cleared");
    assertTrue(host(2).text("/etc/k0s/k0stoken").startsWith("# join token used by cfctl"));
    assertEquals(List.of(), apply(false).changes(), "nothing left for a third run");
  }

  @Test
  void aTokenRecordedButAlreadyGoneIsForgottenWithoutAnInvalidation() throws IOException {
    apply(false);
    host(0).putFile(FakeK0sHost.TOKEN_RECORD, "zzz999 worker 1764086400\n");

    apply(false);

    assertEquals(List.of("abc1"), host(0).invalidated(), "nothing to invalidate: k0s lists none");
    assertFalse(host(0).files().containsKey(FakeK0sHost.TOKEN_RECORD));
  }

  @Test
  void resetRemovesEveryFileCfctlWroteAndWhatAKilledRunLeft() throws IOException {
    apply(false);
    leaveWhatAKilledRunLeaves();
    for (FakeK0sHost h : hosts.values()) {
      h.putFile("/usr/local/bin/k0s.cfctl-sha256", "sha 1 2\n");
      h.putFile("/var/lib/k0s/cfctl-disruption", "cordoned\n");
    }

    action(config(V1, null), options(false)).reset();

    for (FakeK0sHost h : hosts.values()) {
      assertEquals(
          List.of(),
          h.files().keySet().stream()
              .filter(p -> p.contains("cfctl") || p.startsWith("/etc/k0s") || p.contains("k0s"))
              .toList(),
          "left on " + h.name());
    }
    assertTrue(host(0).invalidated().contains("abc2"), "the killed run's token invalidated");
  }

  static final String MIRRORS =
      "  registries:\n"
          + "    mirror: registry.site.local/mirror\n"
          + "    rewrites:\n"
          + "      docker.io: hub.site.local\n";

  static final String DROP_IN = "/etc/k0s/containerd.d/cfctl-registries.toml";
  static final String HOSTS = "/etc/k0s/cfctl-registries.d";

  @Test
  void registryMirrorsReachContainerdOnEveryWorkerAndK0sImagesAndASecondApplyChangesNothing()
      throws IOException {
    action(config(V1, null, "", MIRRORS), options(false)).run();

    for (int i = 1; i < 3; i++) {
      FakeK0sHost w = host(i);
      assertTrue(w.text(DROP_IN).contains("config_path = \"" + HOSTS + "\""), w.text(DROP_IN));
      assertTrue(w.text(DROP_IN).contains("[plugins.\"io.containerd.grpc.v1.cri\".registry]"));
      String other = w.text(HOSTS + "/_default/hosts.toml");
      assertTrue(other.contains("[host.\"https://registry.site.local/v2/mirror\"]"), other);
      assertTrue(other.contains("override_path = true"), other);
      String hub = w.text(HOSTS + "/docker.io/hosts.toml");
      assertTrue(hub.contains("server = \"https://registry-1.docker.io\""), hub);
      assertTrue(hub.contains("[host.\"https://hub.site.local\"]"), hub);
    }
    assertFalse(host(0).files().containsKey(DROP_IN), "a controller runs no containerd");
    assertTrue(
        host(0).text("/etc/k0s/k0s.yaml").contains("repository: \"registry.site.local/mirror\"")
            || host(0).text("/etc/k0s/k0s.yaml").contains("repository: registry.site.local/mirror"),
        host(0).text("/etc/k0s/k0s.yaml"));

    hosts.values().forEach(FakeK0sHost::clearCommands);
    HostsApplyResult again = action(config(V1, null, "", MIRRORS), options(false)).run();
    assertEquals(List.of(), again.changes());
  }

  @Test
  void aDryRunShowsTheMirrorFilesAndWritesNone() throws IOException {
    apply(false);
    var before = snapshot();
    HostsApplyResult plan = action(config(V1, null, "", MIRRORS), options(true)).run();

    String text = plan.plan().toText();
    assertTrue(text.contains("write " + DROP_IN), text);
    assertTrue(text.contains("write " + HOSTS + "/docker.io/hosts.toml"), text);
    assertEquals(before.get("10.0.0.2").keySet(), snapshot().get("10.0.0.2").keySet());
  }

  @Test
  void droppedMirrorsAreRemovedAndTheWorkersRestartedOnTheirNewContainerdConfig()
      throws IOException {
    action(config(V1, null, "", MIRRORS), options(false)).run();
    String fewer = "  registries:\n    mirror: registry.site.local/mirror\n";
    action(config(V1, null, "", fewer), options(false)).run();
    assertFalse(host(1).files().containsKey(HOSTS + "/docker.io/hosts.toml"), "stale registry");
    assertTrue(host(1).files().containsKey(HOSTS + "/_default/hosts.toml"));

    hosts.values().forEach(FakeK0sHost::clearCommands);
    HostsApplyResult r = action(config(V1, null), options(false)).run();
    for (int i = 1; i < 3; i++) {
      FakeK0sHost w = host(i);
      assertEquals(
          List.of(),
          w.files().keySet().stream().filter(p -> p.contains("cfctl-registries")).toList(),
          w.name());
      assertTrue(w.commands().stream().anyMatch(c -> c.endsWith(" stop")), w.commands().toString());
      assertEquals(V1, w.runningVersion(), "running again");
    }
    assertTrue(
        r.changes().stream().anyMatch(c -> c.description().contains("remove " + DROP_IN)),
        r.changes().toString());
  }

  @Test
  void aNodeWhoseConfigAndDropInChangedRestartsOnceAndAReinstalledOneOnlyInItsReinstall()
      throws IOException {
    apply(false);
    hosts.values().forEach(FakeK0sHost::clearCommands);
    // the mirror changes the controller's k0s.yaml (images) and every worker's drop-in; the
    // workers' flags change too, so Reinstall starts them anew and nothing else restarts them
    HostsApplyResult r =
        action(config(V1, "--labels=tier=compute", "", MIRRORS), options(false)).run();

    List<String> restarted =
        r.changes().stream()
            .filter(c -> c.phase().equals("Restart nodes whose configuration changed"))
            .map(PlannedChange::target)
            .distinct()
            .toList();
    assertEquals(List.of("root@10.0.0.1:22"), restarted, r.changes().toString());
    for (int i = 0; i < 3; i++) {
      FakeK0sHost h = host(i);
      assertEquals(
          1,
          h.commands().stream().filter(c -> c.endsWith(" stop")).count(),
          h.commands().toString());
      assertEquals(V1, h.runningVersion(), "running again");
    }
    assertEquals(
        List.of(),
        action(config(V1, "--labels=tier=compute", "", MIRRORS), options(false)).run().changes());
  }

  @Test
  void aDryRunListsTheRestartOfTheNodesItWouldReconfigure() throws IOException {
    apply(false);
    String text = action(config(V1, null, "", MIRRORS), options(true)).run().plan().toText();
    assertTrue(
        text.contains("==> Restart nodes whose configuration changed\n  root@10.0.0.1:22: stop"),
        text);
    assertTrue(text.contains("root@10.0.0.3:22: start the k0s service"), text);
  }

  @Test
  void resetRemovesTheMirrorFiles() throws IOException {
    action(config(V1, null, "", MIRRORS), options(false)).run();
    action(config(V1, null, "", MIRRORS), options(false)).reset();
    for (FakeK0sHost h : hosts.values()) {
      assertEquals(
          List.of(),
          h.files().keySet().stream().filter(p -> p.startsWith("/etc/k0s")).toList(),
          h.name());
    }
  }
}
