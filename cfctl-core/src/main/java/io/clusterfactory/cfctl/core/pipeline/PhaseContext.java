package io.clusterfactory.cfctl.core.pipeline;

import java.time.Duration;
import java.time.Instant;

/** What every phase shares: the mutation guard and the run's deadline. Pipelines extend it. */
public class PhaseContext {
  private final MutationGuard guard;
  private final Instant deadline;

  public PhaseContext(boolean dryRun, Duration timeout) {
    this.guard = new MutationGuard(dryRun);
    this.deadline = Instant.now().plus(timeout);
  }

  public MutationGuard guard() {
    return guard;
  }

  public boolean dryRun() {
    return guard.dryRun();
  }

  public Instant deadline() {
    return deadline;
  }

  /** Time left before the run's deadline (never negative). */
  public Duration remaining() {
    Duration d = Duration.between(Instant.now(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
