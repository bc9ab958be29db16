package io.clusterfactory.cfctl.k0s.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.k0s.lab.Lab;
import io.clusterfactory.cfctl.testing.LabTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in with keys held by a real OpenSSH ssh-agent, on a real lab host. */
@LabTier
class SshAgentLabTest {
  @TempDir static Path dir;
  static Lab lab;
  static Process agent;
  static Path socket;
  static String savedHome;

  @BeforeAll
  static void start() throws Exception {
    lab = Lab.create(1);
    socket = dir.resolve("agent.sock");
    agent =
        new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent.log").toFile())
            .start();
    for (int i = 0; i < 50 && !Files.exists(socket); i++) {
      Thread.sleep(100);
    }
    assertTrue(Files.exists(socket), "ssh-agent socket");
    ProcessBuilder add =
        new ProcessBuilder("ssh-add", lab.clientKey().toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("add.log").toFile());
    add.environment().putAll(Map.of("SSH_AUTH_SOCK", socket.toString()));
    Process p = add.start();
    assertTrue(
        p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0,
        Files.exists(dir.resolve("add.log")) ? Files.readString(dir.resolve("add.log")) : "");
    // No default key files: only the agent can log in.
    savedHome = System.getProperty("user.home");
    System.setProperty("user.home", dir.resolve("empty-home").toString());
    System.setProperty("cfctl.sshAuthSock", socket.toString());
  }

  @AfterAll
  static void stop() {
    System.clearProperty("cfctl.sshAuthSock");
    if (savedHome != null) {
      System.setProperty("user.home", savedHome);
    }
    if (agent != null) {
      agent.destroy();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @DisplayName("with no ssh.keyPath and no key file, the agent's key logs in")
  void logsInWithTheAgentsKey() throws Exception {
    ConnectionSpec spec = lab.spec(0).withKeyPath(null);
    assertEquals(1, SshAgent.fromEnvironment().orElseThrow().identities().size());
    try (SshRemoteHost host = SshRemoteHost.connect(spec)) {
      assertEquals("agent-ok", host.exec("echo agent-ok").orThrow("echo").stdout().trim());
    }
  }
}
