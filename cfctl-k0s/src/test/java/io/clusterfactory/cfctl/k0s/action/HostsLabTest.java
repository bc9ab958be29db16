package io.clusterfactory.cfctl.k0s.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ClusterKubeconfigAction;
import io.clusterfactory.cfctl.core.apply.ClusterStatusAction;
import io.clusterfactory.cfctl.core.apply.HostStatus;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import io.clusterfactory.cfctl.k0s.K0sHostPhases;
import io.clusterfactory.cfctl.k0s.lab.Lab;
import io.clusterfactory.cfctl.k0s.lab.StandInK0s;
import io.clusterfactory.cfctl.testing.LabTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply, kubeconfig and reset actions against real OpenSSH hosts of the lab, with the stand-in
 * k0s. One lab of four hosts is shared; every test starts from wiped hosts.
 */
@LabTier
class HostsLabTest {
  static final String V1 = "v1.31.2+k0s.0";
  static final String V2 = "v1.31.3+k0s.0";

  /** Subcommands that only read: a converged re-run may call these and nothing else. */
  static final Set<String> READ_ONLY = Set.of("version", "status", "config");

  static Lab lab;
  static Path binaries;

  @TempDir Path dir;
  Path knownHosts;

  @BeforeAll
  static void startLab() throws IOException {
    lab = Lab.builder().hosts(4).withNonRootUsers().start();
    binaries = Files.createTempDirectory("cfctl-k0s-bin");
    StandInK0s.write(binaries, V1);
    StandInK0s.write(binaries, V2);
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @BeforeEach
  void wipeHosts() throws IOException {
    for (int i = 0; i < lab.size(); i++) {
      if (!lab.isRunning(i)) {
        lab.start(i);
      }
      lab.execOk(
          i,
          "[ -x /usr/local/bin/k0s ] && /usr/local/bin/k0s stop >/dev/null 2>&1; rm -rf /etc/k0s"
              + " /var/lib/k0s /usr/local/bin/k0s /usr/local/bin/k0s.cfctl-sha256"
              + " /usr/local/bin/.k0s.cfctl-tmp-* /etc/systemd/system/k0s*"
              + " /var/lib/k0s-standin /run/k0s /run/lock/cfctl.lock; true");
    }
    lab.execOk(0, "rm -rf /var/lib/k0s-standin-cluster/*");
    StringBuilder known = new StringBuilder();
    for (int i = 0; i < lab.size(); i++) {
      known.append(lab.host(i).address()).append(' ').append(lab.hostKey(i)).append('\n');
    }
    knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, known.toString());
  }

  Path config(int hostCount, String version, String workerFlag) throws IOException {
    return config(hostCount, version, workerFlag, "root");
  }

  Path config(int hostCount, String version, String workerFlag, String user) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\n")
        .append("metadata:\n  name: lab\nspec:\n  hosts:\n");
    for (int i = 0; i < hostCount; i++) {
      y.append("  - role: ")
          .append(i == 0 ? "controller" : "worker")
          .append('\n')
          .append("    ssh:\n      address: ")
          .append(lab.host(i).address())
          .append('\n')
          .append("      user: ")
          .append(user)
          .append('\n')
          .append("      keyPath: ")
          .append(lab.clientKey())
          .append('\n')
          .append("    k0sBinaryPath: ")
          .append(binaries.resolve("k0s-" + version))
          .append('\n');
      if (i > 0 && workerFlag != null) {
        y.append("    installFlags: [\"").append(workerFlag).append("\"]\n");
      }
    }
    y.append("  k0s:\n    version: ").append(version).append('\n');
    Path file = dir.resolve("cluster-" + hostCount + "-" + version + "-" + user + ".yaml");
    Files.writeString(file, y.toString());
    return file;
  }

  /**
   * cluster.yaml for hosts 0..n-1 with the given roles ({@code "worker reset"} adds {@code reset:
   * true}) and {@code options} (YAML lines under spec, or null).
   */
  Path cluster(String version, String options, String... roles) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\n")
        .append("metadata:\n  name: lab\nspec:\n  hosts:\n");
    for (int i = 0; i < roles.length; i++) {
      String[] words = roles[i].split(" ");
      y.append("  - role: ")
          .append(words[0])
          .append("\n    ssh:\n      address: ")
          .append(lab.host(i).address())
          .append("\n      user: root\n      keyPath: ")
          .append(lab.clientKey())
          .append("\n    k0sBinaryPath: ")
          .append(binaries.resolve("k0s-" + version))
          .append('\n');
      if (words.length > 1 && words[1].equals("reset")) {
        y.append("    reset: true\n");
      }
    }
    y.append("  k0s:\n    version: ").append(version).append('\n');
    if (options != null) {
      y.append(options);
    }
    Path file = dir.resolve("cluster-" + Math.abs((y.toString()).hashCode()) + ".yaml");
    Files.writeString(file, y.toString());
    return file;
  }

  String hostname(int i) {
    return lab.execOk(i, "hostname").strip();
  }

  /** The index of the first call at or after {@code from} containing every fragment, else -1. */
  static int indexOf(List<String> calls, int from, String... fragments) {
    for (int i = from; i < calls.size(); i++) {
      String line = calls.get(i);
      if (java.util.Arrays.stream(fragments).allMatch(line::contains)) {
        return i;
      }
    }
    return -1;
  }

  ApplyOptions options(boolean dryRun) {
    return ApplyOptions.defaults().dryRun(dryRun).timeout(Duration.ofMinutes(5)).build();
  }

  HostsSettings settings() {
    return HostsSettings.defaults()
        .withKnownHosts(knownHosts)
        .withConnect(Duration.ofSeconds(3), 1, Duration.ofSeconds(6))
        .withWaitTimeout(Duration.ofSeconds(60));
  }

  List<HostStatus> hostStatus(LoadedConfig loaded) {
    return new ClusterStatusAction<>(new K0sHostPhases(settings()))
        .run(loaded, options(false))
        .hosts();
  }

  String kubeconfig(LoadedConfig loaded) {
    return new ClusterKubeconfigAction<>(new K0sHostPhases(settings())).run(loaded, options(false));
  }

  HostsApplyResult apply(Path config, boolean dryRun) {
    LoadedConfig loaded = ConfigLoader.forApply().load(config);
    return new HostsApplyAction(loaded, options(dryRun), settings()).run();
  }

  HostsApplyResult apply(int hosts, String version) throws IOException {
    return apply(config(hosts, version, null), false);
  }

  String status(int i) {
    return lab.exec(i, "/usr/local/bin/k0s status -o json").stdout();
  }

  /** Mutating stand-in calls (by subcommand) recorded on a host since {@code from}. */
  List<String> mutatingCalls(int i, int from) {
    List<String> calls = lab.k0sCalls(i);
    return calls.subList(Math.min(from, calls.size()), calls.size()).stream()
        .filter(l -> !READ_ONLY.contains(l.split(" ")[1]))
        .toList();
  }

  /**
   * sha256 of every file where cfctl or k0s keep anything (the stand-in's call log aside), and the
   * list of every file under /etc, /usr/local, /var, /run, /tmp and /root: a file created, removed
   * or renamed anywhere there changes it too.
   */
  String tree(int i) {
    String roots = "/etc /usr/local /var /run /tmp /root";
    return lab.execOk(
        i,
        "find /etc /usr/local /var/lib/k0s /var/lib/k0s-standin /run /tmp -xdev -type f"
            + " ! -path /var/lib/k0s-standin/calls.log -print0 2>/dev/null | sort -z"
            + " | xargs -0 -r sha256sum; find "
            + roots
            + " -xdev ! -path /var/lib/k0s-standin/calls.log 2>/dev/null | sort");
  }

  @Test
  void freshApplyThenSecondApplyMutatesNothing() throws IOException {
    HostsApplyResult first = apply(3, V1);

    for (int i = 0; i < 3; i++) {
      assertTrue(status(i).contains("\"Version\": \"" + V1 + "\""), "host " + i + ": " + status(i));
      assertTrue(lab.file(i, "/run/lock/cfctl.lock").isEmpty(), "lock released on host " + i);
    }
    assertTrue(status(0).contains("\"Role\": \"controller\""));
    assertTrue(status(1).contains("\"Role\": \"worker\""));
    assertTrue(lab.file(1, "/etc/k0s/k0stoken").orElseThrow().startsWith("#"));
    assertTrue(lab.k0sCalls(0).stream().anyMatch(l -> l.contains(" token invalidate ")));
    assertFalse(first.changes().isEmpty());
    assertEquals(V1, first.k0sVersion());

    int[] before = IntStream.range(0, 3).map(i -> lab.k0sCalls(i).size()).toArray();
    HostsApplyResult second = apply(3, V1);

    assertEquals(List.of(), second.changes(), "the guard recorded no change");
    for (int i = 0; i < 3; i++) {
      assertEquals(List.of(), mutatingCalls(i, before[i]), "host " + i + " calls.log");
    }
  }

  @Test
  void upgradeMovesEveryHostToTheNewVersion() throws IOException {
    apply(3, V1);
    HostsApplyResult up = apply(3, V2);

    for (int i = 0; i < 3; i++) {
      assertTrue(status(i).contains("\"Version\": \"" + V2 + "\""), "host " + i);
    }
    assertTrue(up.changes().stream().anyMatch(c -> c.phase().equals("Upgrade controllers")));
    assertTrue(
        lab.k0sCalls(0).stream().anyMatch(l -> l.contains(" kubectl drain ")),
        "drained on the leader");
    assertEquals(List.of(), apply(3, V2).changes());
  }

  @Test
  void theEvictTaintGuardsEachUpgradedWorkerAndIsRemovedAfter() throws IOException {
    apply(cluster(V1, null, "controller", "worker", "worker"), false);
    int from = lab.k0sCalls(0).size();
    String evict = "  options:\n    evictTaint:\n      enabled: true\n";
    apply(cluster(V2, evict, "controller", "worker", "worker"), false);

    List<String> leader = lab.k0sCalls(0);
    for (int i = 1; i < 3; i++) {
      String node = hostname(i);
      int taint = indexOf(leader, from, "kubectl taint nodes " + node, ":NoExecute --overwrite");
      int drain = indexOf(leader, from, "kubectl drain", node);
      int uncordon = indexOf(leader, from, "kubectl uncordon " + node);
      int untaint = indexOf(leader, from, "kubectl taint nodes " + node, "evict:NoExecute-");
      assertTrue(
          taint >= 0 && taint < drain && drain < uncordon && uncordon < untaint,
          "taint, drain, uncordon, untaint in order on the leader: "
              + leader.subList(from, leader.size()));
      String record = lab.execOk(0, "cat /var/lib/k0s-standin-cluster/*/nodes/" + node);
      assertFalse(record.contains("taint="), "no taint left on " + node + ":\n" + record);
      assertFalse(record.contains("unschedulable"), "uncordoned: " + record);
      assertFalse(lab.exec(i, "[ -e /var/lib/k0s/cfctl-disruption ]").ok(), "record removed");
    }
    assertEquals(
        List.of(), apply(cluster(V2, evict, "controller", "worker", "worker"), false).changes());
  }

  @Test
  void aCordonAndTaintLeftByAnInterruptedUpgradeAreUndoneByTheNextApply() throws IOException {
    Path config = cluster(V1, null, "controller", "worker", "worker");
    apply(config, false);
    String node = hostname(1);
    // the state a run killed between drain and uncordon leaves behind
    lab.execOk(0, "/usr/local/bin/k0s kubectl drain --force " + node);
    lab.execOk(
        0,
        "/usr/local/bin/k0s kubectl taint nodes "
            + node
            + " k0sctl.k0sproject.io/evict=true:NoExecute");
    lab.execOk(
        1,
        "printf 'cordoned\\ntaint k0sctl.k0sproject.io/evict=true:NoExecute\\n'"
            + " > /var/lib/k0s/cfctl-disruption");
    String record = "cat /var/lib/k0s-standin-cluster/*/nodes/" + node;
    assertTrue(lab.execOk(0, record).contains("unschedulable=true"));
    var before = hostStatus(ConfigLoader.forApply().load(config));
    assertEquals(
        "cordoned, taint k0sctl.k0sproject.io/evict=true:NoExecute", before.get(1).disruption());
    assertFalse(before.get(1).ok(), "cfctl status reports the node as not ok");
    assertTrue(before.get(1).message().contains("`cfctl apply` restores it"), before.toString());
    assertTrue(before.get(2).ok(), before.toString());

    HostsApplyResult restored = apply(config, false);
    assertTrue(
        restored.changes().stream()
            .anyMatch(c -> c.phase().equals("Restore nodes an interrupted run left disrupted")),
        restored.changes().toString());
    String after = lab.execOk(0, record);
    assertFalse(after.contains("unschedulable=true"), after);
    assertFalse(after.contains("taint="), after);
    assertFalse(lab.exec(1, "[ -e /var/lib/k0s/cfctl-disruption ]").ok(), "record removed");
    assertTrue(hostStatus(ConfigLoader.forApply().load(config)).stream().allMatch(HostStatus::ok));
    assertEquals(List.of(), apply(config, false).changes());
  }

  @Test
  void aLeftoverCordonOutlivesAnUpgradeThatDoesNotDrainAndIsThenRestored() throws IOException {
    apply(cluster(V1, null, "controller", "worker", "worker"), false);
    String node = hostname(1);
    lab.execOk(0, "/usr/local/bin/k0s kubectl cordon " + node);
    lab.execOk(1, "echo cordoned > /var/lib/k0s/cfctl-disruption");
    String noDrain = "  options:\n    drain:\n      enabled: false\n";

    HostsApplyResult up = apply(cluster(V2, noDrain, "controller", "worker", "worker"), false);
    assertTrue(status(1).contains("\"Version\": \"" + V2 + "\""));
    assertTrue(
        up.changes().stream()
            .anyMatch(c -> c.phase().equals("Restore nodes an interrupted run left disrupted")),
        up.changes().toString());
    String record = lab.execOk(0, "cat /var/lib/k0s-standin-cluster/*/nodes/" + node);
    assertFalse(record.contains("unschedulable"), record);
    assertFalse(lab.exec(1, "[ -e /var/lib/k0s/cfctl-disruption ]").ok(), "record removed");
  }

  @Test
  void hostsDownloadK0sAndCheckItAgainstTheReleaseChecksums() throws Exception {
    // a release server on this machine's bridge address, laid out like GitHub's releases
    Path releases = Files.createDirectories(dir.resolve("releases").resolve(V1));
    String asset = "k0s-" + V1 + "-amd64";
    Files.copy(binaries.resolve("k0s-" + V1), releases.resolve(asset));
    String sha =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(releases.resolve(asset))));
    Path sums = releases.resolve("sha256sums.txt");
    Files.writeString(sums, sha + " *" + asset + "\n");
    var server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(lab.runnerAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Path file =
              dir.resolve("releases").resolve(exchange.getRequestURI().getPath().substring(1));
          byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    try {
      String url =
          "http://" + lab.runnerAddress() + ":" + server.getAddress().getPort() + "/%v/k0s-%v-%p%x";
      Path config = dir.resolve("download.yaml");
      Files.writeString(
          config,
          Files.readString(cluster(V1, null, "controller", "worker"))
              .replaceAll("    k0sBinaryPath: .*\n", "    k0sDownloadURL: " + url + "\n"));

      apply(config, false);
      for (int i = 0; i < 2; i++) {
        assertTrue(status(i).contains("\"Version\": \"" + V1 + "\""), "host " + i);
      }

      // a release whose binary does not match its published sum is refused, and nothing stays
      wipeHosts();
      Files.writeString(sums, "0".repeat(64) + " *" + asset + "\n");
      CfctlException e = assertThrows(CfctlException.class, () -> apply(config, false));
      assertTrue(e.getMessage().contains("checksum mismatch: " + asset), e.getMessage());
      for (int i = 0; i < 2; i++) {
        assertEquals(
            "",
            lab.execOk(i, "ls -A /usr/local/bin | grep k0s; true"),
            "host " + i + " keeps no binary, no temporary file");
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aWorkerMarkedResetIsDrainedDeletedFromTheClusterAndUninstalled() throws IOException {
    apply(cluster(V1, null, "controller", "worker", "worker"), false);
    int from = lab.k0sCalls(0).size();
    Path withReset = cluster(V1, null, "controller", "worker", "worker reset");
    String node = hostname(2);
    List<String> planned =
        apply(withReset, true).changes().stream().map(PlannedChange::description).toList();
    for (String step : List.of("drain node " + node, "delete node " + node, "reset k0s")) {
      assertTrue(planned.stream().anyMatch(d -> d.startsWith(step)), step + " in " + planned);
    }
    assertEquals(List.of(), mutatingCalls(0, from), "the dry run changed nothing on the leader");
    apply(withReset, false);

    List<String> leader = lab.k0sCalls(0);
    int drain = indexOf(leader, from, "kubectl drain", node);
    int delete = indexOf(leader, from, "kubectl delete node " + node);
    assertTrue(drain >= 0 && drain < delete, leader.subList(from, leader.size()).toString());
    String nodes = lab.execOk(0, "/usr/local/bin/k0s kubectl get nodes");
    assertFalse(nodes.contains(node), nodes);
    assertTrue(nodes.contains(hostname(1)), nodes);
    assertFalse(lab.exec(2, "[ -e /usr/local/bin/k0s ]").ok(), "binary removed");
    assertEquals(List.of(), apply(withReset, false).changes(), "a reset host is left alone");
  }

  @Test
  void registryMirrorsReachTheWorkersContainerdAndResetRemovesThem() throws IOException {
    String dropIn = "/etc/k0s/containerd.d/cfctl-registries.toml";
    String hosts = "/etc/k0s/cfctl-registries.d";
    Path file =
        cluster(
            V1,
            "  registries:\n    mirror: registry.lab.local/mirror\n"
                + "    rewrites: {docker.io: hub.lab.local}\n",
            "controller",
            "worker");
    apply(file, false);

    assertTrue(lab.file(1, dropIn).orElseThrow().contains("config_path = \"" + hosts + "\""));
    assertTrue(
        lab.file(1, hosts + "/_default/hosts.toml").orElseThrow().contains("override_path = true"));
    assertTrue(
        lab.file(1, hosts + "/docker.io/hosts.toml").orElseThrow().contains("hub.lab.local"));
    assertTrue(lab.file(0, dropIn).isEmpty(), "a controller runs no containerd");
    assertEquals(List.of(), apply(file, false).changes(), "a second apply changes nothing");

    LoadedConfig loaded = ConfigLoader.forApply().load(file);
    new HostsApplyAction(loaded, options(false), settings()).reset();
    assertFalse(lab.exec(1, "[ -e " + dropIn + " ] || [ -e " + hosts + " ]").ok(), "removed");
    assertFalse(lab.exec(1, "[ -e /etc/k0s ]").ok(), "and the folders cfctl made");
  }

  @Test
  void aControllerMarkedResetLeavesEtcdBeforeItIsReset() throws IOException {
    apply(cluster(V1, null, "controller", "controller", "worker"), false);
    String members = lab.execOk(0, "/usr/local/bin/k0s etcd member-list");
    assertTrue(members.contains(hostname(1)), members);
    int from = lab.k0sCalls(1).size();
    Path withReset = cluster(V1, null, "controller", "controller reset", "worker");
    apply(withReset, false);

    List<String> calls = lab.k0sCalls(1);
    int leave = indexOf(calls, from, "etcd leave");
    int reset = indexOf(calls, from, " reset");
    assertTrue(leave >= 0 && leave < reset, calls.subList(from, calls.size()).toString());
    members = lab.execOk(0, "/usr/local/bin/k0s etcd member-list");
    assertFalse(members.contains(hostname(1)), members);
    assertTrue(members.contains(hostname(0)), members);
    assertTrue(status(2).contains("\"Role\": \"worker\""), "the worker keeps running");
    assertEquals(List.of(), apply(withReset, false).changes());
  }

  @Test
  void addingAWorkerTouchesOnlyTheNewHostAndTheLeadersTokens() throws IOException {
    apply(2, V1);
    int workerCalls = lab.k0sCalls(1).size();
    HostsApplyResult grown = apply(3, V1);

    Set<String> targets =
        grown.changes().stream().map(PlannedChange::target).collect(Collectors.toSet());
    assertEquals(Set.of(name(0), name(2)), targets);
    assertTrue(
        grown.changes().stream()
            .filter(c -> c.target().equals(name(0)))
            .allMatch(c -> c.description().contains("join token")));
    assertEquals(List.of(), mutatingCalls(1, workerCalls));
    assertTrue(status(2).contains("\"Role\": \"worker\""));
  }

  @Test
  void changedInstallFlagsReinstallTheWorkers() throws IOException {
    apply(3, V1);
    int controllerCalls = lab.k0sCalls(0).size();
    HostsApplyResult r = apply(config(3, V1, "--labels=tier=compute"), false);

    assertTrue(r.changes().stream().anyMatch(c -> c.phase().equals("Reinstall")));
    for (int i = 1; i < 3; i++) {
      assertTrue(
          lab.file(i, "/etc/systemd/system/k0sworker.service")
              .orElseThrow()
              .contains("--labels=tier=compute"),
          "host " + i);
      assertTrue(status(i).contains("--labels=tier=compute"));
    }
    assertEquals(List.of(), mutatingCalls(0, controllerCalls), "controller untouched");
    assertEquals(List.of(), apply(config(3, V1, "--labels=tier=compute"), false).changes());
  }

  /** config(2, V1) with {@code workerYaml} (host fields, indented) added to the worker. */
  Path withWorkerFields(String name, String workerYaml) throws IOException {
    String y = Files.readString(config(2, V1, null));
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, y.replace("  k0s:\n", workerYaml + "  k0s:\n"));
    return file;
  }

  @Test
  void theEnvironmentReachesCommandsAndTheK0sProcessAndDirPermTheFolder() throws IOException {
    String common =
        "    files:\n      - name: conf\n        data: hello\n"
            + "        dst: /var/lib/k0s/cfctl-lab/conf/a.txt\n        dirPerm: \"0750\"\n"
            + "    hooks:\n      apply:\n        after:\n"
            + "          - env > /var/lib/k0s/hook-env\n";
    apply(
        withWorkerFields(
            "env-1", "    environment:\n      LAB_PROXY: http://10.199.0.1:3128\n" + common),
        false);

    String environ = "tr '\\0' '\\n' < /proc/$(cat /run/k0s/standin.pid)/environ";
    assertTrue(lab.exec(1, environ).stdout().contains("LAB_PROXY=http://10.199.0.1:3128\n"));
    assertFalse(lab.exec(0, environ).stdout().contains("LAB_PROXY"), "the controller has none");
    assertTrue(
        lab.file(1, "/var/lib/k0s/hook-env")
            .orElseThrow()
            .contains("LAB_PROXY=http://10.199.0.1:3128\n"),
        "a hook cfctl runs sees it");
    assertEquals("750", lab.exec(1, "stat -c %a /var/lib/k0s/cfctl-lab/conf").stdout().strip());

    int controllerCalls = lab.k0sCalls(0).size();
    Path changed =
        withWorkerFields(
            "env-2", "    environment:\n      LAB_PROXY: http://10.199.0.2:3128\n" + common);
    HostsApplyResult r = apply(changed, false);
    assertTrue(r.changes().stream().anyMatch(c -> c.phase().equals("Reinstall")), r.toString());
    assertTrue(lab.exec(1, environ).stdout().contains("LAB_PROXY=http://10.199.0.2:3128\n"));
    assertTrue(
        lab.file(1, "/var/lib/k0s/hook-env")
            .orElseThrow()
            .contains("LAB_PROXY=http://10.199.0.2:3128\n"));
    assertEquals(List.of(), mutatingCalls(0, controllerCalls), "controller untouched");
    assertEquals(
        List.of(),
        apply(changed, false).changes().stream()
            .filter(c -> !c.phase().startsWith("Run after"))
            .toList());
  }

  @Test
  void aDownHostStopsTheRunWithExit3BeforeAnyHostChanges() throws IOException {
    List<String> before = List.of(tree(0), tree(1));
    lab.stop(2);
    CfctlException e = assertThrows(CfctlException.class, () -> apply(3, V1));

    assertEquals(ExitCode.UNREACHABLE, e.exitCode());
    assertTrue(e.getMessage().contains(name(2)), e.getMessage());
    assertEquals(before, List.of(tree(0), tree(1)), "reachable hosts untouched");
  }

  @Test
  void aChangedHostKeyIsRefused() throws IOException {
    String oldKey = lab.hostKey(1);
    lab.regenerateHostKey(1);
    assertNotEquals(oldKey, lab.hostKey(1));
    String before = tree(0);

    CfctlException e = assertThrows(CfctlException.class, () -> apply(2, V1));

    assertEquals(ExitCode.UNREACHABLE, e.exitCode());
    assertTrue(e.getMessage().contains("CHANGED"), e.getMessage());
    assertEquals(before, tree(0));
  }

  @Test
  void ofTwoConcurrentAppliesOneIsRefusedByTheLock() throws Exception {
    Path config = config(3, V1, null);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<HostsApplyResult>> runs = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      runs.add(
          pool.submit(
              () -> {
                go.await();
                return apply(config, false);
              }));
    }
    go.countDown();
    List<Throwable> failures = new ArrayList<>();
    int succeeded = 0;
    for (Future<HostsApplyResult> run : runs) {
      try {
        run.get(3, TimeUnit.MINUTES);
        succeeded++;
      } catch (java.util.concurrent.ExecutionException ex) {
        failures.add(ex.getCause());
      }
    }
    pool.shutdown();

    assertEquals(1, succeeded, "one apply succeeds: " + failures);
    assertEquals(1, failures.size());
    assertTrue(
        failures.get(0).getMessage().contains("another cfctl run holds the host lock"),
        failures.get(0).getMessage());
    for (int i = 0; i < 3; i++) {
      assertTrue(status(i).contains(V1));
      assertTrue(lab.file(i, "/run/lock/cfctl.lock").isEmpty());
    }
  }

  @Test
  void anApplyKilledHalfwayConvergesWhenRunAgain() throws Exception {
    Path config = config(3, V1, null);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LabApplyMain.class.getName(),
                config.toString(),
                knownHosts.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("killed.log").toFile())
            .start();
    Instant until = Instant.now().plusSeconds(90);
    while (lab.k0sCalls(1).stream().noneMatch(l -> l.contains(" install worker"))
        && lab.k0sCalls(2).stream().noneMatch(l -> l.contains(" install worker"))) {
      assertTrue(
          p.isAlive(),
          "the apply ended before it was killed: " + Files.readString(dir.resolve("killed.log")));
      assertTrue(Instant.now().isBefore(until), "no worker install seen");
      Thread.sleep(50);
    }
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertTrue(lab.file(0, "/run/lock/cfctl.lock").isPresent(), "the killed run left its lock");

    apply(config, false);

    for (int i = 0; i < 3; i++) {
      assertTrue(status(i).contains("\"Version\": \"" + V1 + "\""), "host " + i);
      assertTrue(lab.file(i, "/run/lock/cfctl.lock").isEmpty());
    }
    assertEquals(List.of(), apply(config, false).changes());
  }

  @Test
  void dryRunLeavesEveryFileByteIdentical() throws IOException {
    List<String> fresh = IntStream.range(0, 3).mapToObj(this::tree).toList();
    HostsApplyResult plan = apply(config(3, V1, null), true);
    assertEquals(fresh, IntStream.range(0, 3).mapToObj(this::tree).toList());
    assertTrue(plan.plan().toText().contains("install the first k0s controller"));
    assertEquals(3, plan.plan().targets().size());

    apply(3, V1);
    List<String> installed = IntStream.range(0, 3).mapToObj(this::tree).toList();
    HostsApplyResult upgradePlan = apply(config(3, V2, null), true);
    assertEquals(installed, IntStream.range(0, 3).mapToObj(this::tree).toList());
    assertTrue(upgradePlan.plan().toText().contains("upload k0s binary"));
    assertTrue(status(0).contains(V1));
  }

  @Test
  void kubeconfigAndResetLeaveNoK0sBehind() throws IOException {
    Path config = config(3, V1, null);
    apply(config, false);
    LoadedConfig loaded = ConfigLoader.forApply().load(config);
    String kubeconfig = kubeconfig(loaded);
    assertTrue(
        kubeconfig.contains("server: https://" + lab.host(0).address() + ":6443"), kubeconfig);
    assertTrue(kubeconfig.contains("current-context: lab"));

    HostsApplyResult reset = new HostsApplyAction(loaded, options(false), settings()).reset();

    assertFalse(reset.changes().isEmpty());
    for (int i = 0; i < 3; i++) {
      assertTrue(lab.file(i, "/usr/local/bin/k0s").isEmpty(), "binary removed on " + i);
      assertTrue(lab.file(i, "/etc/systemd/system/k0sworker.service").isEmpty());
      assertTrue(lab.file(i, "/etc/k0s/k0s.yaml").isEmpty());
      assertTrue(lab.k0sCalls(i).stream().anyMatch(l -> l.contains(" reset")), "reset ran");
    }
    assertEquals(
        List.of(), new HostsApplyAction(loaded, options(false), settings()).reset().changes());
    assertInstanceOf(
        CfctlException.class, assertThrows(CfctlException.class, () -> kubeconfig(loaded)));
  }

  @Test
  void aSudoUserInstallsThroughSudoAndAUserWithoutSudoIsRefused() throws IOException {
    CfctlException e =
        assertThrows(CfctlException.class, () -> apply(config(2, V1, null, Lab.PLAIN_USER), false));
    assertTrue(e.getMessage().contains("sudo"), e.getMessage());
    assertTrue(lab.file(0, "/usr/local/bin/k0s").isEmpty(), "nothing installed");

    apply(config(2, V1, null, Lab.SUDO_USER), false);

    assertTrue(status(0).contains("\"Version\": \"" + V1 + "\""));
    assertTrue(status(1).contains("\"Role\": \"worker\""));
    assertEquals(List.of(), apply(config(2, V1, null, Lab.SUDO_USER), false).changes());
  }

  String name(int i) {
    return "root@" + lab.host(i).address() + ":22";
  }
}
