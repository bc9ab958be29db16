package io.clusterfactory.cfctl.k0s.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import io.clusterfactory.cfctl.k0s.commands.JoinTokens;
import io.clusterfactory.cfctl.k0s.commands.TokenRecord;
import io.clusterfactory.cfctl.k0s.lab.Lab;
import io.clusterfactory.cfctl.k0s.lab.StandInK0s;
import io.clusterfactory.cfctl.k0s.ssh.ExecResult;
import io.clusterfactory.cfctl.k0s.ssh.SshRemoteHost;
import io.clusterfactory.cfctl.testing.LabTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An apply killed with SIGKILL in each host phase that changes a host ({@link KillPoint}) leaves
 * nothing behind once the next apply (and then a reset) ran: every host's files, listed in every
 * folder cfctl writes to, are those of a host a clean apply (a clean reset) gave, and the join
 * token the killed run created no longer joins anything. Hosts 0 and 1 are controllers, 2 a worker;
 * host 3 only tries the killed token.
 */
@LabTier
class LeftoversLabTest {
  private static final Logger logger = LoggerFactory.getLogger(LeftoversLabTest.class);
  static final String V1 = "v1.31.2+k0s.0";
  static final String CLEAN_UP = "Clean up what interrupted runs left";
  static final String RESTORE_NODES = "Restore nodes an interrupted run left disrupted";
  static final int HOSTS = 3;
  static final String STANDIN_DIR = "/var/lib/k0s-standin";

  /**
   * Left out of the listings: what k0s (here its stand-in) owns and cfctl never writes, and
   * /run/lock, the system's lock folder (a lab host's fresh /run lacks it; cfctl creates it for its
   * lock, which it removes).
   */
  static final String NOT_CFCTLS =
      "^((/var/lib/k0s-standin|/var/lib/k0s-standin-cluster|/run/k0s)(/|$)|/run/lock$)";

  static Lab lab;
  static Path binaries;
  static Path small;
  static Path large;
  static Path knownHosts;
  static List<String> fresh;
  static List<String> applied;
  static List<String> afterCleanReset;

  @TempDir static Path dir;

  /**
   * Where the killed run is killed, and how the test knows it got there: one point in each host
   * phase of apply that changes a host, in the order of the phase list.
   */
  enum KillPoint {
    /** Stage k0s binaries: the seed host receives the binary (a 48 MB one, so it lasts). */
    DURING_THE_BINARY_UPLOAD,
    /** Upload files: the seed host receives a {@code files:} entry of 48 MB. */
    DURING_THE_FILE_UPLOAD,
    /** Configure k0s: the candidate k0s.yaml sits next to its destination, being validated. */
    DURING_THE_CONFIG_VALIDATION,
    /** Initialize the k0s cluster: the leader's {@code k0s install controller} runs. */
    DURING_THE_LEADER_INSTALL,
    /** Install controllers: host 1 has its join token (created, recorded) and installs. */
    DURING_THE_CONTROLLER_JOIN,
    /** Install controllers: host 1 joined; its token is not invalidated yet. */
    AFTER_THE_CONTROLLER_INSTALL,
    /** Install workers: the worker has its token file and installs. */
    DURING_THE_WORKER_INSTALL,
    /** Install workers: the worker has its token file and its service, and is about to start. */
    DURING_THE_WORKER_JOIN,
    /**
     * Upgrade controllers: on a cluster at V1, an upgrade to V2 stopped the leader and reinstalls
     * it.
     */
    DURING_THE_CONTROLLER_UPGRADE,
    /**
     * Upgrade workers: on a cluster at V1, an upgrade to V2 recorded the worker's disruption and
     * drains it.
     */
    DURING_THE_WORKER_DRAIN
  }

  static final String V2 = "v1.31.3+k0s.0";

  /** The {@code files:} entry's destination: the user's file, which reset leaves. */
  static final String PAYLOAD_DIR = "/etc/cfctl-files";

  static Path smallV2;
  static Path smallPayload;
  static Path largePayload;

  @BeforeAll
  static void startLab() throws IOException {
    lab = Lab.builder().hosts(HOSTS + 1).start();
    binaries = Files.createTempDirectory("cfctl-leftovers-bin");
    small = StandInK0s.write(binaries, V1);
    large = StandInK0s.write(binaries, V1, 48_000_000);
    smallV2 = StandInK0s.write(binaries, V2);
    smallPayload = Files.createDirectories(binaries.resolve("small")).resolve("payload");
    Files.writeString(smallPayload, "the user's file\n");
    largePayload = Files.createDirectories(binaries.resolve("large")).resolve("payload");
    try (var out = Files.newOutputStream(largePayload)) {
      byte[] block = new byte[1 << 20];
      for (int i = 0; i < 48; i++) {
        out.write(block);
      }
    }
    StringBuilder known = new StringBuilder();
    for (int i = 0; i <= HOSTS; i++) {
      known.append(lab.host(i).address()).append(' ').append(lab.hostKey(i)).append('\n');
    }
    knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, known.toString());

    // a dry run first: logging in may create files of its own (the dry run writes nothing)
    run(config(small), true);
    fresh = listings();
    run(config(small), false);
    applied = listings();
    reset(config(small));
    afterCleanReset = listings();
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aResetAfterACleanApplyLeavesTheHostsAsTheyWere() {
    assertNotEquals(fresh, applied, "the listing sees what apply writes");
    assertEquals(fresh, afterCleanReset);
  }

  @ParameterizedTest
  @EnumSource(KillPoint.class)
  void theNextApplyAndAResetLeaveNothingOfAKilledRun(KillPoint point) throws Exception {
    long started = System.nanoTime();
    wipe();
    Path config =
        switch (point) {
          case DURING_THE_BINARY_UPLOAD -> config(large);
          case DURING_THE_FILE_UPLOAD -> config(small, largePayload);
          case DURING_THE_CONTROLLER_UPGRADE, DURING_THE_WORKER_DRAIN -> config(smallV2);
          default -> config(small);
        };
    if (point == KillPoint.DURING_THE_CONTROLLER_UPGRADE
        || point == KillPoint.DURING_THE_WORKER_DRAIN) {
      run(config(small), false);
    }
    IntPredicate there =
        switch (point) {
          case DURING_THE_BINARY_UPLOAD -> i -> bigTempFileIn(0, "/usr/local/bin", ".k0s");
          case DURING_THE_FILE_UPLOAD -> i -> bigTempFileIn(0, PAYLOAD_DIR, ".payload");
          case DURING_THE_CONFIG_VALIDATION -> {
            hold(0, "config-validate");
            yield i -> called(0, "config validate");
          }
          case DURING_THE_LEADER_INSTALL -> {
            hold(0, "install");
            yield i -> called(0, "install controller");
          }
          case DURING_THE_CONTROLLER_JOIN -> {
            hold(1, "install");
            yield i -> called(1, "install controller");
          }
          case AFTER_THE_CONTROLLER_INSTALL -> {
            hold(0, "token-invalidate");
            yield i -> called(0, "token invalidate");
          }
          case DURING_THE_WORKER_INSTALL -> {
            hold(2, "install");
            yield i -> called(2, "install worker");
          }
          case DURING_THE_WORKER_JOIN -> {
            hold(2, "start");
            yield i -> called(2, "start");
          }
          case DURING_THE_CONTROLLER_UPGRADE -> {
            hold(0, "install");
            // the reinstall, not the install of the cluster at V1 before it
            yield i ->
                lab.k0sCalls(0).stream()
                    .anyMatch(l -> l.contains(" install controller") && l.contains(" --force"));
          }
          case DURING_THE_WORKER_DRAIN -> {
            hold(0, "kubectl-drain");
            yield i -> called(0, "kubectl drain");
          }
        };
    killWhen(config, there);

    List<String> tokenIds =
        TokenRecord.ids(lab.file(0, "/var/lib/k0s/cfctl-join-tokens").orElse(null));
    String workerToken = lab.file(2, "/etc/k0s/k0stoken").orElse("").strip();
    String controllerToken = lab.file(1, "/etc/k0s/k0stoken").orElse("").strip();
    // what the killed run left, as the test expects it to (else it proves nothing), seen while
    // the held call still waits
    switch (point) {
      case DURING_THE_BINARY_UPLOAD ->
          assertTrue(tempFileIn(0, "/usr/local/bin", ".k0s"), "the killed run's partial binary");
      case DURING_THE_FILE_UPLOAD ->
          assertTrue(tempFileIn(0, PAYLOAD_DIR, ".payload"), "the killed run's partial file");
      case DURING_THE_CONFIG_VALIDATION ->
          assertTrue(tempFileIn(0, "/etc/k0s", ".k0s.yaml"), "the killed run's candidate config");
      case DURING_THE_LEADER_INSTALL ->
          assertTrue(lab.file(0, "/etc/k0s/k0s.yaml").isPresent(), "the leader is configured");
      case DURING_THE_CONTROLLER_JOIN, AFTER_THE_CONTROLLER_INSTALL -> {
        assertLiveRecordedToken(tokenIds);
        if (point == KillPoint.DURING_THE_CONTROLLER_JOIN) {
          assertFalse(
              controllerToken.isEmpty() || controllerToken.startsWith("#"), "a live token file");
        }
      }
      case DURING_THE_WORKER_INSTALL, DURING_THE_WORKER_JOIN -> {
        assertLiveRecordedToken(tokenIds);
        assertFalse(workerToken.isEmpty() || workerToken.startsWith("#"), "a live token file");
      }
      case DURING_THE_CONTROLLER_UPGRADE ->
          assertFalse(
              lab.exec(0, "/usr/local/bin/k0s status").ok(),
              "the leader is stopped for the upgrade");
      case DURING_THE_WORKER_DRAIN ->
          assertTrue(
              lab.file(2, "/var/lib/k0s/cfctl-disruption").isPresent(),
              "the worker's disruption is recorded");
    }

    release();

    HostsApplyResult plan = run(config, true);
    // the host's own command removes the candidate config once the released validation fails
    // (maybe before this dry run, maybe after), and a killed leader install or upgrade leaves
    // nothing that is not redone anyway: elsewhere the killed run left files or tokens to clean up,
    // or a
    // disrupted node to restore
    String undoing = point == KillPoint.DURING_THE_WORKER_DRAIN ? RESTORE_NODES : CLEAN_UP;
    if (point != KillPoint.DURING_THE_CONFIG_VALIDATION
        && point != KillPoint.DURING_THE_LEADER_INSTALL
        && point != KillPoint.DURING_THE_CONTROLLER_UPGRADE) {
      assertTrue(
          plan.changes().stream().anyMatch(c -> c.phase().equals(undoing)),
          "a dry run lists " + undoing + ": " + plan.plan().toText());
    }

    run(config, false);

    List<String> afterNextApply = listings();
    if (point == KillPoint.DURING_THE_CONTROLLER_UPGRADE) {
      // the stopped leader joined back through a token, as every other controller did: its token
      // file holds no live token, and reset removes it
      assertEquals(
          JoinTokens.USED_TOKEN.strip(),
          lab.file(0, "/etc/k0s/k0stoken").orElse("").strip(),
          "token file of the former leader");
      afterNextApply = new ArrayList<>(afterNextApply);
      afterNextApply.set(0, afterNextApply.get(0).replace("/etc/k0s/k0stoken\n", ""));
    }
    assertEquals(applied, afterNextApply, "after the next apply");
    if (point == KillPoint.DURING_THE_FILE_UPLOAD) {
      assertEquals(
          Files.size(largePayload),
          Long.parseLong(lab.execOk(0, "stat -c %s " + PAYLOAD_DIR + "/payload").strip()),
          "the next apply uploaded the whole file");
    }
    for (int i = 1; i < HOSTS; i++) {
      assertEquals(
          JoinTokens.USED_TOKEN.strip(),
          lab.file(i, "/etc/k0s/k0stoken").orElse("").strip(),
          "token file of host " + i);
    }
    String list = lab.execOk(0, "/usr/local/bin/k0s token list");
    for (String id : tokenIds) {
      assertFalse(list.contains(id), "token " + id + " invalidated: " + list);
    }
    if (point == KillPoint.DURING_THE_WORKER_INSTALL || point == KillPoint.DURING_THE_WORKER_JOIN) {
      ExecResult join = joinWith(workerToken);
      assertFalse(join.ok(), "the killed run's token joins nothing");
      assertTrue(join.stderr().contains("invalid"), join.stderr());
    }
    assertEquals(List.of(), run(config, false).changes(), "converged");

    reset(config);

    assertEquals(fresh, listings(), "after a reset");
    logger.info("{}: {} ms", point, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  static void assertLiveRecordedToken(List<String> tokenIds) {
    assertFalse(tokenIds.isEmpty(), "the killed run's token is recorded on the leader");
    String list = lab.execOk(0, "/usr/local/bin/k0s token list");
    assertTrue(list.contains(tokenIds.get(0)), "and still valid: " + list);
  }

  /** Whether {@code folder} on host {@code i} holds a temporary file of {@code .name}. */
  static boolean tempFileIn(int i, String folder, String hiddenName) {
    return lab.exec(i, "ls -A " + folder + " | grep -qF '" + hiddenName + ".cfctl-tmp-'").ok();
  }

  /** The same, and more than 1 MiB of it written: the upload is under way. */
  static boolean bigTempFileIn(int i, String folder, String hiddenName) {
    return lab.exec(
            i,
            "find "
                + folder
                + " -maxdepth 1 -name '"
                + hiddenName
                + ".cfctl-tmp-*' -size +1024k 2>/dev/null | grep -q .")
        .ok();
  }

  /**
   * Every file and folder under the folders cfctl writes to (/etc, /usr/local, /var, /run, /tmp,
   * /root), k0s's own files aside, per cluster host.
   */
  static List<String> listings() {
    return IntStream.range(0, HOSTS)
        .mapToObj(
            i ->
                lab.execOk(
                    i,
                    "find /etc /usr/local /var /run /tmp /root -xdev 2>/dev/null | grep -Ev '"
                        + NOT_CFCTLS
                        + "' | grep -vxE '"
                        + PAYLOAD_DIR
                        + "(/payload)?' | sort"))
        .toList();
  }

  /** Makes the stand-in hold {@code call} (e.g. {@code token-invalidate}) on host {@code i}. */
  static void hold(int i, String call) {
    lab.execOk(i, "mkdir -p " + STANDIN_DIR + " && touch " + STANDIN_DIR + "/pause-" + call);
  }

  /** Lets every held call go (it then does nothing). */
  static void release() {
    for (int i = 0; i < HOSTS; i++) {
      lab.execOk(i, "rm -f " + STANDIN_DIR + "/pause-*");
    }
  }

  static boolean called(int i, String call) {
    return lab.k0sCalls(i).stream().anyMatch(l -> l.contains(" " + call));
  }

  /** Starts an apply in its own JVM and kills it with SIGKILL once {@code there} holds. */
  void killWhen(Path config, IntPredicate there) throws Exception {
    Path log = dir.resolve("killed.log");
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
            .redirectOutput(log.toFile())
            .start();
    try {
      Instant until = Instant.now().plusSeconds(90);
      while (!there.test(0)) {
        assertTrue(p.isAlive(), "the apply ended before it was killed: " + Files.readString(log));
        assertTrue(Instant.now().isBefore(until), "the kill point was not reached in 90 s");
        Thread.sleep(20);
      }
    } finally {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Tries to join host 3 as a worker with {@code token}. */
  static ExecResult joinWith(String token) {
    try (SshRemoteHost h = SshRemoteHost.connect(lab.spec(HOSTS))) {
      h.upload(small, "/usr/local/bin/k0s", 0755);
      h.writeFile("/root/killed-token", token + "\n", 0600);
      ExecResult r =
          h.exec(
              "/usr/local/bin/k0s install worker --token-file=/root/killed-token"
                  + " && /usr/local/bin/k0s start");
      h.exec("/usr/local/bin/k0s stop; /usr/local/bin/k0s reset; rm -f /root/killed-token");
      return r;
    }
  }

  /** Back to fresh hosts, whatever a failed scenario left. */
  static void wipe() {
    release();
    for (int i = 0; i < HOSTS; i++) {
      lab.execOk(
          i,
          "[ -x /usr/local/bin/k0s ] && /usr/local/bin/k0s stop >/dev/null 2>&1;"
              + " for f in /run/cfctl-seed-*/pid; do [ -f \"$f\" ] && kill \"$(cat \"$f\")\";"
              + " done; rm -rf /etc/k0s /var/lib/k0s /usr/local/bin/k0s /usr/local/bin/.k0s.*"
              + " /usr/local/bin/k0s.cfctl-* /etc/systemd/system/k0s* "
              + STANDIN_DIR
              + " /run/k0s /run/lock/cfctl.lock /run/cfctl-seed-* "
              + PAYLOAD_DIR
              + "; true");
    }
    lab.execOk(0, "rm -rf /var/lib/k0s-standin-cluster/*");
  }

  static Path config(Path binary) throws IOException {
    return config(binary, smallPayload);
  }

  /** The cluster with {@code binary}, and {@code payload} as every host's {@code files:} entry. */
  static Path config(Path binary, Path payload) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\n")
        .append("metadata:\n  name: lab\nspec:\n  hosts:\n");
    for (int i = 0; i < HOSTS; i++) {
      y.append("  - role: ")
          .append(i < 2 ? "controller" : "worker")
          .append("\n    ssh:\n      address: ")
          .append(lab.host(i).address())
          .append("\n      user: root\n      keyPath: ")
          .append(lab.clientKey())
          .append("\n    k0sBinaryPath: ")
          .append(binary)
          .append('\n');
      y.append("    files:\n      - name: payload\n        src: ")
          .append(payload)
          .append("\n        dstDir: ")
          .append(PAYLOAD_DIR)
          .append('\n');
    }
    y.append("  k0s:\n    version: ").append(binary.equals(smallV2) ? V2 : V1).append('\n');
    Path file =
        dir.resolve(
            "cluster-" + binary.getFileName() + "-" + payload.getParent().getFileName() + ".yaml");
    Files.writeString(file, y.toString());
    return file;
  }

  static HostsSettings settings() {
    return HostsSettings.defaults()
        .withKnownHosts(knownHosts)
        .withConnect(Duration.ofSeconds(3), 1, Duration.ofSeconds(6))
        .withWaitTimeout(Duration.ofSeconds(60));
  }

  static ApplyOptions options(boolean dryRun) {
    return ApplyOptions.defaults().dryRun(dryRun).timeout(Duration.ofMinutes(5)).build();
  }

  static HostsApplyResult run(Path config, boolean dryRun) {
    LoadedConfig loaded = ConfigLoader.forApply().load(config);
    return new HostsApplyAction(loaded, options(dryRun), settings()).run();
  }

  static void reset(Path config) {
    LoadedConfig loaded = ConfigLoader.forApply().load(config);
    new HostsApplyAction(loaded, options(false), settings()).reset();
  }
}
