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

/**
 * An apply killed with SIGKILL at several points leaves nothing behind once the next apply (and
 * then a reset) ran: every host's files, listed in every folder cfctl writes to, are those of a
 * host a clean apply (a clean reset) gave, and the join token the killed run created no longer
 * joins anything. Hosts 0 and 1 are controllers, 2 a worker; host 3 only tries the killed token.
 */
@LabTier
class LeftoversLabTest {
  static final String V1 = "v1.31.2+k0s.0";
  static final String CLEAN_UP = "Clean up what interrupted runs left";
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

  /** Where the killed run is killed, and how the test knows it got there. */
  enum KillPoint {
    /** The seed host receives the binary (a 48 MB one, so the upload lasts). */
    DURING_THE_BINARY_UPLOAD,
    /** Host 1 joined as a controller; its token is not invalidated yet. */
    AFTER_THE_CONTROLLER_INSTALL,
    /** The worker has its token file and its service, and is about to start. */
    DURING_THE_WORKER_JOIN
  }

  @BeforeAll
  static void startLab() throws IOException {
    lab = Lab.builder().hosts(HOSTS + 1).start();
    binaries = Files.createTempDirectory("cfctl-leftovers-bin");
    small = StandInK0s.write(binaries, V1);
    large = StandInK0s.write(binaries, V1, 48_000_000);
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
    wipe();
    Path config = config(point == KillPoint.DURING_THE_BINARY_UPLOAD ? large : small);
    IntPredicate there =
        switch (point) {
          case DURING_THE_BINARY_UPLOAD ->
              i ->
                  lab.exec(
                          0,
                          "find /usr/local/bin -maxdepth 1 -name '.k0s.cfctl-tmp-*' -size +1024k"
                              + " | grep -q .")
                      .ok();
          case AFTER_THE_CONTROLLER_INSTALL -> {
            hold(0, "token-invalidate");
            yield i -> called(0, "token invalidate");
          }
          case DURING_THE_WORKER_JOIN -> {
            hold(2, "start");
            yield i -> called(2, "start");
          }
        };
    killWhen(config, there);

    List<String> tokenIds =
        TokenRecord.ids(lab.file(0, "/var/lib/k0s/cfctl-join-tokens").orElse(null));
    String workerToken = lab.file(2, "/etc/k0s/k0stoken").orElse("").strip();
    release();
    if (point == KillPoint.DURING_THE_BINARY_UPLOAD) {
      assertTrue(
          lab.exec(0, "ls -A /usr/local/bin | grep -q '^\\.k0s\\.cfctl-tmp-'").ok(),
          "the killed run left its partial upload");
    } else {
      assertFalse(tokenIds.isEmpty(), "the killed run's token is recorded on the leader");
      String list = lab.execOk(0, "/usr/local/bin/k0s token list");
      assertTrue(list.contains(tokenIds.get(0)), "and still valid: " + list);
    }
    if (point == KillPoint.DURING_THE_WORKER_JOIN) {
      assertFalse(workerToken.isEmpty() || workerToken.startsWith("#"), "a live token file");
    }

    HostsApplyResult plan = run(config, true);
    assertTrue(
        plan.changes().stream().anyMatch(c -> c.phase().equals(CLEAN_UP)),
        "a dry run lists the clean-up: " + plan.plan().toText());

    run(config, false);

    assertEquals(applied, listings(), "after the next apply");
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
    if (point == KillPoint.DURING_THE_WORKER_JOIN) {
      ExecResult join = joinWith(workerToken);
      assertFalse(join.ok(), "the killed run's token joins nothing");
      assertTrue(join.stderr().contains("invalid"), join.stderr());
    }
    assertEquals(List.of(), run(config, false).changes(), "converged");

    reset(config);

    assertEquals(fresh, listings(), "after a reset");
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
                        + "' | sort"))
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
              + " /run/k0s /run/lock/cfctl.lock /run/cfctl-seed-*; true");
    }
    lab.execOk(0, "rm -rf /var/lib/k0s-standin-cluster/*");
  }

  static Path config(Path binary) throws IOException {
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
    }
    y.append("  k0s:\n    version: ").append(V1).append('\n');
    Path file = dir.resolve("cluster-" + binary.getFileName() + ".yaml");
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
