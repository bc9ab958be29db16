package io.clusterfactory.cfctl.k0s;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.config.v1beta1.Options;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.pipeline.HostPool;
import io.clusterfactory.cfctl.core.pipeline.PhaseContext;
import io.clusterfactory.cfctl.k0s.model.K0sVersion;
import io.clusterfactory.cfctl.k0s.os.ConfigurerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What the host phases share: the loaded cluster.yaml, one {@link HostState} per host (in spec
 * order), the leader, the target k0s version and the run's options and limits.
 */
public final class HostsContext extends PhaseContext {
  private final LoadedConfig config;
  private final HostsOptions options;
  private final List<HostState> hosts;
  private final int concurrency;
  private final Semaphore uploads;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final Instant started = Instant.ofEpochSecond(Instant.now().getEpochSecond());
  private final ConfigurerRegistry configurers;
  private final LockKeeper lockKeeper;
  private volatile HostState leader;
  private volatile K0sVersion targetVersion;

  public HostsContext(LoadedConfig config, HostsOptions options) {
    this(config, options, ConfigurerRegistry.standard());
  }

  public HostsContext(LoadedConfig config, HostsOptions options, ConfigurerRegistry configurers) {
    super(options.dryRun(), options.timeout());
    this.config = config;
    this.options = options;
    this.configurers = configurers;
    List<HostState> states = new ArrayList<>();
    for (Host h : config.cluster().spec().hosts()) {
      states.add(new HostState(h));
    }
    this.hosts = List.copyOf(states);
    Options.Concurrency c = config.cluster().spec().options().concurrency();
    this.concurrency = options.concurrency() != null ? options.concurrency() : c.limit();
    int uploadLimit = options.uploads() != null ? options.uploads() : c.uploads();
    this.uploads = new Semaphore(Math.max(1, uploadLimit), true);
    this.lockKeeper = new LockKeeper(options.lockHeartbeat());
  }

  public LoadedConfig config() {
    return config;
  }

  public Cluster cluster() {
    return config.cluster();
  }

  public HostsOptions options() {
    return options;
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

  /** Hosts worked on at once (0 = unlimited). */
  public int concurrency() {
    return concurrency;
  }

  /** Limits concurrent binary uploads across all hosts. */
  public Semaphore uploads() {
    return uploads;
  }

  /** Identifies this run in host locks. */
  public String runId() {
    return runId;
  }

  /** When this run started (whole seconds, as written in host locks). */
  public Instant started() {
    return started;
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
    each(what, targets, concurrency, work);
  }

  public void each(String what, List<HostState> targets, int limit, Consumer<HostState> work) {
    HostPool.each(what, targets, limit, HostState::name, work);
  }

  /**
   * Polls {@code done} until it holds, backing off from 200 ms to 2 s, for at most the wait timeout
   * (and never past the run's deadline).
   */
  public void waitFor(HostState host, String what, BooleanSupplier done) {
    Duration limit = options.waitTimeout();
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
