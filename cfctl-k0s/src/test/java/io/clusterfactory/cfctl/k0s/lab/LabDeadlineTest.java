package io.clusterfactory.cfctl.k0s.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.pipeline.HostsFailedException;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import io.clusterfactory.cfctl.k0s.action.HostsApplyAction;
import io.clusterfactory.cfctl.k0s.ssh.ConnectionSpec;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import io.clusterfactory.cfctl.k0s.ssh.SshRemoteHost;
import io.clusterfactory.cfctl.testing.MisbehavingServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real OpenSSH hosts that stop answering: frozen with SIGSTOP (the kernel still accepts and
 * acknowledges, nothing answers), or behind a proxy that stalls mid-upload. Every case ends within
 * its deadline plus a small margin.
 */
@Tag("lab")
class LabDeadlineTest {
  private static final Duration MARGIN = Duration.ofSeconds(4);
  private static Lab lab;
  private MisbehavingServer proxy;

  @BeforeAll
  static void startLab() {
    lab = Lab.create(2);
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @AfterEach
  void thaw() {
    lab.thaw(0);
    lab.thaw(1);
    if (proxy != null) {
      proxy.close();
    }
  }

  private static <T extends CfctlException> T failsWithin(
      Class<T> type, Duration limit, Executable action) {
    long started = System.nanoTime();
    T error = assertThrows(type, action);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(
        elapsed.compareTo(limit) < 0,
        "took " + elapsed + ", more than " + limit + ": " + error.getMessage());
    return error;
  }

  @Test
  void connectingToAFrozenHostFailsAwaitingTheBanner() {
    lab.freeze(0);
    ConnectionSpec spec =
        lab.spec(0)
            .withRetries(Duration.ofSeconds(2), 0, Duration.ofSeconds(10))
            .withSshTimeout(Duration.ofSeconds(3));
    UnreachableException error =
        failsWithin(
            UnreachableException.class,
            Duration.ofSeconds(3).plus(MARGIN),
            () -> SshRemoteHost.connect(spec).close());
    assertTrue(
        error.getMessage().startsWith(spec.target() + ": no SSH banner within 3s"),
        error.getMessage());
  }

  @Test
  void aCommandOnAHostFrozenAfterConnectingFailsWithinItsDeadline() {
    try (SshRemoteHost host = SshRemoteHost.connect(lab.spec(0))) {
      host.exec("true").orThrow("true");
      lab.freeze(0);
      OperationFailedException error =
          failsWithin(
              OperationFailedException.class,
              Duration.ofSeconds(2).plus(MARGIN),
              () ->
                  host.exec(
                      "echo still here",
                      ExecOptions.defaults().withTimeout(Duration.ofSeconds(2))));
      assertEquals(
          host.name() + ": command timed out after 2s: echo still here", error.getMessage());
    }
  }

  @Test
  void aHostFrozenMidCommandIsDroppedAfterTheSshTimeout() {
    ConnectionSpec spec = lab.spec(0).withSshTimeout(Duration.ofSeconds(3));
    try (SshRemoteHost host = SshRemoteHost.connect(spec)) {
      host.exec("true").orThrow("true");
      lab.freeze(0);
      // the command's own deadline is far away: the silence of the host ends it
      UnreachableException error =
          failsWithin(
              UnreachableException.class,
              Duration.ofSeconds(3).plus(MARGIN),
              () ->
                  host.exec("sleep 1", ExecOptions.defaults().withTimeout(Duration.ofMinutes(5))));
      assertEquals(3, error.exitCode().code());
      assertTrue(error.getMessage().startsWith(host.name() + ": "), error.getMessage());
      assertTrue(error.getMessage().contains("sleep 1"), error.getMessage());
      assertTrue(error.getMessage().contains("sent nothing for 3s"), error.getMessage());
    }
  }

  @Test
  void anUploadThroughAProxyThatStallsIsDetected() {
    LabHost target = lab.host(0);
    proxy =
        MisbehavingServer.stallingProxy(
            new InetSocketAddress(target.address(), target.port()), 512 * 1024);
    ConnectionSpec spec =
        ConnectionSpec.of(proxy.host(), proxy.port(), "root")
            .withKeyPath(lab.clientKey())
            .withHostKey(lab.hostKey(0))
            .withRetries(Duration.ofSeconds(5), 0, Duration.ofSeconds(10))
            .withSshTimeout(Duration.ofSeconds(3));
    byte[] content = new byte[16 * 1024 * 1024];
    new Random(7).nextBytes(content);
    try (SshRemoteHost host = SshRemoteHost.connect(spec)) {
      UnreachableException error =
          failsWithin(
              UnreachableException.class,
              Duration.ofSeconds(3).plus(MARGIN).plusSeconds(2),
              () ->
                  host.upload(
                      new ByteArrayInputStream(content), content.length, "/root/blob", 0644));
      assertTrue(proxy.isStalled(), "the proxy passed everything: the test proves nothing");
      assertTrue(error.getMessage().startsWith(spec.target() + ": "), error.getMessage());
      assertTrue(error.getMessage().contains("sent nothing for 3s"), error.getMessage());
    }
  }

  @Test
  void aHostBehindABastionThatSendsNoBannerFailsWithinTheSshTimeout() {
    // the bastion's sshd opens the TCP connection to the frozen host, whose kernel accepts it
    lab.freeze(1);
    ConnectionSpec spec = throughBastion(lab.spec(1));
    UnreachableException error =
        failsWithin(
            UnreachableException.class,
            Duration.ofSeconds(3).plus(MARGIN),
            () -> SshRemoteHost.connect(spec).close());
    assertEquals(3, error.exitCode().code());
    assertTrue(
        error
            .getMessage()
            .startsWith(
                spec.target()
                    + " (through bastion "
                    + spec.bastion().target()
                    + "): no SSH banner within 3s"),
        error.getMessage());
  }

  @Test
  void aHostBehindABastionThatStopsAfterItsBannerFailsAwaitingTheKeyExchange()
      throws UnknownHostException {
    // host 1's sshd behind a proxy on the lab bridge that passes both banners, then stops
    LabHost target = lab.host(1);
    proxy =
        MisbehavingServer.on(
            InetAddress.getByName(lab.runnerAddress()),
            MisbehavingServer.Behaviour.STALLING_PROXY,
            null,
            new InetSocketAddress(target.address(), target.port()),
            200);
    ConnectionSpec spec =
        throughBastion(
            ConnectionSpec.of(proxy.host(), proxy.port(), "root")
                .withKeyPath(lab.clientKey())
                .withHostKey(lab.hostKey(1)));
    UnreachableException error =
        failsWithin(
            UnreachableException.class,
            Duration.ofSeconds(3).plus(MARGIN),
            () -> SshRemoteHost.connect(spec).close());
    assertTrue(proxy.isStalled(), "the proxy passed everything: the test proves nothing");
    assertEquals(3, error.exitCode().code());
    assertTrue(
        error
            .getMessage()
            .startsWith(
                spec.target()
                    + " (through bastion "
                    + spec.bastion().target()
                    + "): no end of key exchange within 3s"),
        error.getMessage());
  }

  @Test
  void anApplyThroughABastionToAFrozenHostEndsWithinTheSshTimeout(@TempDir Path dir)
      throws IOException {
    lab.freeze(1);
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(
        knownHosts,
        lab.host(0).address()
            + " "
            + lab.hostKey(0)
            + "\n"
            + lab.host(1).address()
            + " "
            + lab.hostKey(1)
            + "\n");
    String ssh = "      user: root\n      keyPath: " + lab.clientKey() + "\n";
    Path config = dir.resolve("cluster.yaml");
    Files.writeString(
        config,
        "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata:\n  name: lab\n"
            + "spec:\n  hosts:\n  - role: controller\n    ssh:\n      address: "
            + lab.host(1).address()
            + "\n"
            + ssh
            + "      bastion:\n        address: "
            + lab.host(0).address()
            + "\n  "
            + ssh.replace("\n      ", "\n        ")
            + "  k0s:\n    version: v1.31.2+k0s.0\n");
    HostsSettings settings =
        HostsSettings.defaults()
            .withKnownHosts(knownHosts)
            .withConnect(Duration.ofSeconds(2), 0, Duration.ofSeconds(10));
    // what --ssh-timeout 3s gives a run: the handshake through the bastion ends by then
    ApplyOptions options =
        ApplyOptions.defaults()
            .dryRun(true)
            .timeout(Duration.ofMinutes(1))
            .sshTimeout(Duration.ofSeconds(3))
            .build();
    HostsFailedException error =
        failsWithin(
            HostsFailedException.class,
            Duration.ofSeconds(3).plus(MARGIN),
            () ->
                new HostsApplyAction(ConfigLoader.forApply().load(config), options, settings)
                    .run());
    assertEquals(3, error.exitCode().code());
    assertTrue(
        error
            .getMessage()
            .contains(
                "root@"
                    + lab.host(1).address()
                    + ":22 (through bastion root@"
                    + lab.host(0).address()
                    + ":22): no SSH banner within 3s"),
        error.getMessage());
  }

  /** {@code target} reached through host 0, one attempt, a 3 s handshake deadline. */
  private static ConnectionSpec throughBastion(ConnectionSpec target) {
    return target
        .withRetries(Duration.ofSeconds(2), 0, Duration.ofSeconds(10))
        .withSshTimeout(Duration.ofSeconds(3))
        .withBastion(lab.spec(0));
  }
}
