package io.clusterfactory.cfctl.k0s;

import io.clusterfactory.cfctl.core.pipeline.TransferListener;
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
    return new HostsOptions(
        value,
        concurrency,
        uploads,
        acceptNewHostKeys,
        knownHosts,
        connectTimeout,
        connectRetries,
        connectWindow,
        timeout,
        waitTimeout,
        noWait,
        noDrain,
        lockStaleAfter,
        lockHeartbeat,
        connector,
        transfers);
  }

  public HostsOptions withConcurrency(Integer hosts, Integer concurrentUploads) {
    return new HostsOptions(
        dryRun,
        hosts,
        concurrentUploads,
        acceptNewHostKeys,
        knownHosts,
        connectTimeout,
        connectRetries,
        connectWindow,
        timeout,
        waitTimeout,
        noWait,
        noDrain,
        lockStaleAfter,
        lockHeartbeat,
        connector,
        transfers);
  }

  public HostsOptions withHostKeys(Path knownHostsFile, boolean acceptNew) {
    return new HostsOptions(
        dryRun,
        concurrency,
        uploads,
        acceptNew,
        knownHostsFile,
        connectTimeout,
        connectRetries,
        connectWindow,
        timeout,
        waitTimeout,
        noWait,
        noDrain,
        lockStaleAfter,
        lockHeartbeat,
        connector,
        transfers);
  }

  public HostsOptions withConnect(Duration attempt, int retries, Duration window) {
    return new HostsOptions(
        dryRun,
        concurrency,
        uploads,
        acceptNewHostKeys,
        knownHosts,
        attempt,
        retries,
        window,
        timeout,
        waitTimeout,
        noWait,
        noDrain,
        lockStaleAfter,
        lockHeartbeat,
        connector,
        transfers);
  }

  public HostsOptions withTimeouts(Duration run, Duration eachWait) {
    return new HostsOptions(
        dryRun,
        concurrency,
        uploads,
        acceptNewHostKeys,
        knownHosts,
        connectTimeout,
        connectRetries,
        connectWindow,
        run,
        eachWait,
        noWait,
        noDrain,
        lockStaleAfter,
        lockHeartbeat,
        connector,
        transfers);
  }

  public HostsOptions withNoWait(boolean skipWaits, boolean skipDrain) {
    return new HostsOptions(
        dryRun,
        concurrency,
        uploads,
        acceptNewHostKeys,
        knownHosts,
        connectTimeout,
        connectRetries,
        connectWindow,
        timeout,
        waitTimeout,
        skipWaits,
        skipDrain,
        lockStaleAfter,
        lockHeartbeat,
        connector,
        transfers);
  }

  public HostsOptions withLock(Duration staleAfter, Duration heartbeat) {
    return new HostsOptions(
        dryRun,
        concurrency,
        uploads,
        acceptNewHostKeys,
        knownHosts,
        connectTimeout,
        connectRetries,
        connectWindow,
        timeout,
        waitTimeout,
        noWait,
        noDrain,
        staleAfter,
        heartbeat,
        connector,
        transfers);
  }

  /** Where binary uploads report their progress (the CLI draws bars). */
  public HostsOptions withTransfers(TransferListener value) {
    return new HostsOptions(
        dryRun,
        concurrency,
        uploads,
        acceptNewHostKeys,
        knownHosts,
        connectTimeout,
        connectRetries,
        connectWindow,
        timeout,
        waitTimeout,
        noWait,
        noDrain,
        lockStaleAfter,
        lockHeartbeat,
        connector,
        value);
  }

  public HostsOptions withConnector(HostConnector value) {
    return new HostsOptions(
        dryRun,
        concurrency,
        uploads,
        acceptNewHostKeys,
        knownHosts,
        connectTimeout,
        connectRetries,
        connectWindow,
        timeout,
        waitTimeout,
        noWait,
        noDrain,
        lockStaleAfter,
        lockHeartbeat,
        value,
        transfers);
  }
}
