package io.clusterfactory.cfctl.core.pipeline;

import io.clusterfactory.cfctl.core.error.UnreachableException;
import java.time.Duration;
import java.time.Instant;

/**
 * What every phase shares: the one mutation guard of the run and the run's deadline ({@code
 * --timeout}, counted from the start of the command). Pipelines extend it.
 */
public class PhaseContext {
  private final MutationGuard guard;
  private final Instant deadline;
  private final Duration timeout;

  public PhaseContext(boolean dryRun, Duration timeout) {
    this.guard = new MutationGuard(dryRun);
    this.timeout = timeout;
    this.deadline = Instant.now().plus(timeout);
  }

  /**
   * The context of a command without a run deadline, whose every call is bounded on its own (the
   * {@code cfctl nodes} commands: each Grendel request has the client's timeouts and retries).
   */
  public PhaseContext(boolean dryRun) {
    this.guard = new MutationGuard(dryRun);
    this.timeout = null;
    this.deadline = Instant.MAX;
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

  /** Ends the run before {@code next} starts when the deadline has passed. */
  public void checkDeadline(String next) {
    if (remaining().isZero()) {
      throw new UnreachableException(
          "the run",
          "the run's deadline (--timeout "
              + timeout.toSeconds()
              + "s) passed before \""
              + next
              + "\" could start",
          "give a longer --timeout",
          null);
    }
  }
}
