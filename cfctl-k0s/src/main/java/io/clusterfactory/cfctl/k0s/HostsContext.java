package io.clusterfactory.cfctl.k0s;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.pipeline.HostPool;
import io.clusterfactory.cfctl.k0s.model.K0sVersion;
import io.clusterfactory.cfctl.k0s.os.ConfigurerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What the host phases share, on top of {@link ClusterContext} (the config, the one options record,
 * the guard and the deadline): one {@link HostState} per host (in spec order), the leader, the
 * target k0s version and the settings hosts are reached with.
 */
public final class HostsContext extends ClusterContext {
  private final HostsSettings settings;
  private final List<HostState> hosts;
  private final Semaphore uploadSlots;
  private final ConfigurerRegistry configurers;
  private final LockKeeper lockKeeper;
  private volatile HostState leader;
  private volatile K0sVersion targetVersion;

  public HostsContext(
      LoadedConfig config, ApplyOptions options, Command command, HostsSettings settings) {
    this(config, options, command, settings, ConfigurerRegistry.standard());
  }

  public HostsContext(
      LoadedConfig config,
      ApplyOptions options,
      Command command,
      HostsSettings settings,
      ConfigurerRegistry configurers) {
    super(config, options, command);
    // --ssh-timeout is the only flag that changes how hosts are reached
    this.settings =
        options.sshTimeout() == null ? settings : settings.withSshTimeout(options.sshTimeout());
    this.configurers = configurers;
    List<HostState> states = new ArrayList<>();
    for (Host h : config.cluster().spec().hosts()) {
      states.add(new HostState(h));
    }
    this.hosts = List.copyOf(states);
    this.uploadSlots = new Semaphore(uploads(), true);
    this.lockKeeper = new LockKeeper(settings.lockHeartbeat());
  }

  public Cluster cluster() {
    return config().cluster();
  }

  /** How hosts are reached and waited for. */
  public HostsSettings settings() {
    return settings;
  }

  public List<HostState> hosts() {
    return hosts;
  }

  public List<HostState> hosts(Predicate<HostState> filter) {
    return hosts.stream().filter(filter).toList();
  }

  public List<HostState> controllers() {
    return hosts(h -> h.role().isController());
  }

  /** Hosts that are only workers. */
  public List<HostState> workers() {
    return hosts(h -> !h.role().isController());
  }

  /** Limits concurrent binary uploads across all hosts. */
  public Semaphore uploadSlots() {
    return uploadSlots;
  }

  public ConfigurerRegistry configurers() {
    return configurers;
  }

  public LockKeeper lockKeeper() {
    return lockKeeper;
  }

  /** The controller tokens are created on; chosen by GatherK0sFacts. */
  public HostState leader() {
    if (leader == null) {
      throw new IllegalStateException("no leader chosen yet");
    }
    return leader;
  }

  /** The leader, or null when no controller could be reached. */
  public HostState leaderOrNull() {
    return leader;
  }

  public void leader(HostState h) {
    this.leader = h;
  }

  public K0sVersion targetVersion() {
    return targetVersion;
  }

  public void targetVersion(K0sVersion v) {
    this.targetVersion = v;
  }

  /** Runs work for each host on the bounded pool; failures of all hosts are reported together. */
  public void each(String what, List<HostState> targets, Consumer<HostState> work) {
    each(what, targets, concurrency(), work);
  }

  public void each(String what, List<HostState> targets, int limit, Consumer<HostState> work) {
    HostPool.each(what, targets, limit, HostState::name, work);
  }

  /**
   * Polls {@code done} until it holds, backing off from 200 ms to 2 s, for at most the wait timeout
   * (and never past the run's deadline).
   */
  public void waitFor(HostState host, String what, BooleanSupplier done) {
    Duration limit = settings.waitTimeout();
    if (remaining().compareTo(limit) < 0) {
      limit = remaining();
    }
    Instant until = Instant.now().plus(limit);
    long pause = 200;
    while (true) {
      if (done.getAsBoolean()) {
        return;
      }
      if (Instant.now().isAfter(until)) {
        throw new OperationFailedException(
            host.name() + ": timed out after " + limit.toSeconds() + " s waiting for " + what,
            "check the k0s service on the host (journalctl -u k0scontroller / k0sworker)",
            null);
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OperationFailedException(host.name() + ": interrupted waiting for " + what);
      }
      pause = Math.min(2000, pause * 2);
    }
  }
}
