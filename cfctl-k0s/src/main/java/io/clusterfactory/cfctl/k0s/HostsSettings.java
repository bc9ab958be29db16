package io.clusterfactory.cfctl.k0s;

import io.clusterfactory.cfctl.k0s.ssh.ConnectionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How cfctl-k0s reaches and waits for hosts: fixed for a process (tests swap the connector and
 * shorten the limits), never rebuilt from the command line, which is {@link
 * io.clusterfactory.cfctl.core.apply.ApplyOptions}'s.
 *
 * @param knownHosts known_hosts file (null: $SSH_KNOWN_HOSTS, else ~/.ssh/known_hosts)
 * @param connectTimeout one SSH connection attempt
 * @param connectRetries attempts after the first for a network failure
 * @param connectWindow all attempts to connect to one host
 * @param sshTimeout how long a host may leave cfctl waiting: SSH banner, key exchange and login of
 *     one attempt, and silence on an open connection (a host that hangs mid-command or mid-upload);
 *     {@code --ssh-timeout}
 * @param waitTimeout each wait for k0s (service up, version after upgrade)
 * @param noWait do not wait for k0s to come up after install (as k0sctl --no-wait)
 * @param lockStaleAfter a lock whose heartbeat is older than this belongs to a dead run
 * @param lockHeartbeat how often a held lock's timestamp is refreshed
 * @param connector how hosts are connected (SSH unless a test says otherwise)
 */
public record HostsSettings(
    Path knownHosts,
    Duration connectTimeout,
    int connectRetries,
    Duration connectWindow,
    Duration sshTimeout,
    Duration waitTimeout,
    boolean noWait,
    Duration lockStaleAfter,
    Duration lockHeartbeat,
    HostConnector connector) {

  public HostsSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(connectWindow, "connectWindow");
    Objects.requireNonNull(sshTimeout, "sshTimeout");
    Objects.requireNonNull(waitTimeout, "waitTimeout");
    Objects.requireNonNull(lockStaleAfter, "lockStaleAfter");
    Objects.requireNonNull(lockHeartbeat, "lockHeartbeat");
    Objects.requireNonNull(connector, "connector");
  }

  public static HostsSettings defaults() {
    return new HostsSettings(
        null,
        Duration.ofSeconds(10),
        3,
        Duration.ofSeconds(30),
        ConnectionSpec.DEFAULT_SSH_TIMEOUT,
        Duration.ofMinutes(2),
        false,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        new SshHostConnector());
  }

  public HostsSettings withKnownHosts(Path file) {
    return edit(d -> d.knownHosts = file);
  }

  public HostsSettings withConnect(Duration attempt, int retries, Duration window) {
    return edit(
        d -> {
          d.connectTimeout = attempt;
          d.connectRetries = retries;
          d.connectWindow = window;
        });
  }

  /** Each wait for k0s on a host (never past the run's deadline). */
  public HostsSettings withWaitTimeout(Duration value) {
    return edit(d -> d.waitTimeout = value);
  }

  /** See {@code sshTimeout}. */
  public HostsSettings withSshTimeout(Duration value) {
    return edit(d -> d.sshTimeout = value);
  }

  public HostsSettings withNoWait(boolean value) {
    return edit(d -> d.noWait = value);
  }

  public HostsSettings withLock(Duration staleAfter, Duration heartbeat) {
    return edit(
        d -> {
          d.lockStaleAfter = staleAfter;
          d.lockHeartbeat = heartbeat;
        });
  }

  public HostsSettings withConnector(HostConnector value) {
    return edit(d -> d.connector = value);
  }

  private HostsSettings edit(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** A mutable copy, so that each wither above names only what it changes. */
  private static final class Draft {
    private Path knownHosts;
    private Duration connectTimeout;
    private int connectRetries;
    private Duration connectWindow;
    private Duration sshTimeout;
    private Duration waitTimeout;
    private boolean noWait;
    private Duration lockStaleAfter;
    private Duration lockHeartbeat;
    private HostConnector connector;

    private Draft(HostsSettings s) {
      knownHosts = s.knownHosts;
      connectTimeout = s.connectTimeout;
      connectRetries = s.connectRetries;
      connectWindow = s.connectWindow;
      sshTimeout = s.sshTimeout;
      waitTimeout = s.waitTimeout;
      noWait = s.noWait;
      lockStaleAfter = s.lockStaleAfter;
      lockHeartbeat = s.lockHeartbeat;
      connector = s.connector;
    }

    private HostsSettings build() {
      return new HostsSettings(
          knownHosts,
          connectTimeout,
          connectRetries,
          connectWindow,
          sshTimeout,
          waitTimeout,
          noWait,
          lockStaleAfter,
          lockHeartbeat,
          connector);
    }
  }
}
