package io.clusterfactory.cfctl.k0s;

import io.clusterfactory.cfctl.core.pipeline.TransferListener;
import io.clusterfactory.cfctl.k0s.ssh.ConnectionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run against the hosts: the CLI's flags. Null numbers fall back to cluster.yaml's
 * spec.options.
 *
 * @param dryRun change nothing, return the plan
 * @param concurrency hosts worked on at once (null: spec.options.concurrency.limit; 0 = unlimited)
 * @param uploads binary uploads at once (null: spec.options.concurrency.uploads)
 * @param acceptNewHostKeys record keys of hosts known_hosts does not know (changed keys are always
 *     refused)
 * @param knownHosts known_hosts file (null: $SSH_KNOWN_HOSTS, else ~/.ssh/known_hosts)
 * @param connectTimeout one SSH connection attempt
 * @param connectRetries attempts after the first for a network failure
 * @param connectWindow all attempts to connect to one host
 * @param sshTimeout how long a host may leave cfctl waiting: SSH banner, key exchange and login of
 *     one attempt, and silence on an open connection (a host that hangs mid-command or mid-upload)
 * @param timeout the whole run
 * @param waitTimeout each wait for k0s (service up, version after upgrade)
 * @param noWait do not wait for k0s to come up after install (as k0sctl --no-wait)
 * @param noDrain do not drain workers before upgrading them (overrides spec.options.drain)
 * @param lockStaleAfter a lock whose heartbeat is older than this belongs to a dead run
 * @param lockHeartbeat how often a held lock's timestamp is refreshed
 * @param connector how hosts are connected (SSH unless a test says otherwise)
 */
public record HostsOptions(
    boolean dryRun,
    Integer concurrency,
    Integer uploads,
    boolean acceptNewHostKeys,
    Path knownHosts,
    Duration connectTimeout,
    int connectRetries,
    Duration connectWindow,
    Duration sshTimeout,
    Duration timeout,
    Duration waitTimeout,
    boolean noWait,
    boolean noDrain,
    Duration lockStaleAfter,
    Duration lockHeartbeat,
    HostConnector connector,
    TransferListener transfers) {

  public HostsOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(connectWindow, "connectWindow");
    Objects.requireNonNull(sshTimeout, "sshTimeout");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(waitTimeout, "waitTimeout");
    Objects.requireNonNull(lockStaleAfter, "lockStaleAfter");
    Objects.requireNonNull(lockHeartbeat, "lockHeartbeat");
    Objects.requireNonNull(connector, "connector");
    transfers = transfers == null ? TransferListener.NONE : transfers;
  }

  public static HostsOptions defaults() {
    return new HostsOptions(
        false,
        null,
        null,
        false,
        null,
        Duration.ofSeconds(10),
        3,
        Duration.ofSeconds(30),
        ConnectionSpec.DEFAULT_SSH_TIMEOUT,
        Duration.ofHours(1),
        Duration.ofMinutes(2),
        false,
        false,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        new SshHostConnector(),
        TransferListener.NONE);
  }

  public HostsOptions withDryRun(boolean value) {
    return edit(b -> b.dryRun = value);
  }

  public HostsOptions withConcurrency(Integer hosts, Integer concurrentUploads) {
    return edit(
        b -> {
          b.concurrency = hosts;
          b.uploads = concurrentUploads;
        });
  }

  public HostsOptions withHostKeys(Path knownHostsFile, boolean acceptNew) {
    return edit(
        b -> {
          b.knownHosts = knownHostsFile;
          b.acceptNewHostKeys = acceptNew;
        });
  }

  public HostsOptions withConnect(Duration attempt, int retries, Duration window) {
    return edit(
        b -> {
          b.connectTimeout = attempt;
          b.connectRetries = retries;
          b.connectWindow = window;
        });
  }

  /** See {@code sshTimeout}: the CLI's --ssh-timeout. */
  public HostsOptions withSshTimeout(Duration value) {
    return edit(b -> b.sshTimeout = value);
  }

  public HostsOptions withTimeouts(Duration run, Duration eachWait) {
    return edit(
        b -> {
          b.timeout = run;
          b.waitTimeout = eachWait;
        });
  }

  public HostsOptions withNoWait(boolean skipWaits, boolean skipDrain) {
    return edit(
        b -> {
          b.noWait = skipWaits;
          b.noDrain = skipDrain;
        });
  }

  public HostsOptions withLock(Duration staleAfter, Duration heartbeat) {
    return edit(
        b -> {
          b.lockStaleAfter = staleAfter;
          b.lockHeartbeat = heartbeat;
        });
  }

  /** Where binary uploads report their progress (the CLI draws bars). */
  public HostsOptions withTransfers(TransferListener value) {
    return edit(b -> b.transfers = value);
  }

  public HostsOptions withConnector(HostConnector value) {
    return edit(b -> b.connector = value);
  }

  /** A copy with {@code change} applied: the one place the record is rebuilt field by field. */
  private HostsOptions edit(java.util.function.Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return new HostsOptions(
        b.dryRun,
        b.concurrency,
        b.uploads,
        b.acceptNewHostKeys,
        b.knownHosts,
        b.connectTimeout,
        b.connectRetries,
        b.connectWindow,
        b.sshTimeout,
        b.timeout,
        b.waitTimeout,
        b.noWait,
        b.noDrain,
        b.lockStaleAfter,
        b.lockHeartbeat,
        b.connector,
        b.transfers);
  }

  /** The fields of a {@link HostsOptions} being copied, to change some of them. */
  private static final class Copy {
    boolean dryRun;
    Integer concurrency;
    Integer uploads;
    boolean acceptNewHostKeys;
    Path knownHosts;
    Duration connectTimeout;
    int connectRetries;
    Duration connectWindow;
    Duration sshTimeout;
    Duration timeout;
    Duration waitTimeout;
    boolean noWait;
    boolean noDrain;
    Duration lockStaleAfter;
    Duration lockHeartbeat;
    HostConnector connector;
    TransferListener transfers;

    Copy(HostsOptions o) {
      dryRun = o.dryRun;
      concurrency = o.concurrency;
      uploads = o.uploads;
      acceptNewHostKeys = o.acceptNewHostKeys;
      knownHosts = o.knownHosts;
      connectTimeout = o.connectTimeout;
      connectRetries = o.connectRetries;
      connectWindow = o.connectWindow;
      sshTimeout = o.sshTimeout;
      timeout = o.timeout;
      waitTimeout = o.waitTimeout;
      noWait = o.noWait;
      noDrain = o.noDrain;
      lockStaleAfter = o.lockStaleAfter;
      lockHeartbeat = o.lockHeartbeat;
      connector = o.connector;
      transfers = o.transfers;
    }
  }
}
