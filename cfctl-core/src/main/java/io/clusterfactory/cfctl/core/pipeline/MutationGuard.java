package io.clusterfactory.cfctl.core.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate every mutation of a host, the Git repository or the cluster passes. In a dry run the
 * change is recorded for the plan and the action is not run at all; in a real run it is run and
 * recorded, so tests can assert that a converged re-run performed no mutation.
 */
public final class MutationGuard {
  private static final Logger logger = LoggerFactory.getLogger(MutationGuard.class);

  /** A mutation; may throw, the phase maps errors. */
  @FunctionalInterface
  public interface Mutation<T> {
    T run() throws Exception;
  }

  private final boolean dryRun;
  private final List<PlannedChange> changes = new ArrayList<>();
  private final Map<String, Integer> sequence = new HashMap<>();
  private volatile String phase = "";
  private volatile int phaseIndex;

  public MutationGuard(boolean dryRun) {
    this.dryRun = dryRun;
  }

  public boolean dryRun() {
    return dryRun;
  }

  void enterPhase(String title, int index) {
    this.phase = title;
    this.phaseIndex = index;
  }

  /** Performs (or, in a dry run, only records) a mutation without a result. */
  public void mutate(String target, String description, Mutation<?> action) {
    mutate(target, description, null, action);
  }

  /**
   * Performs a mutation and returns its result; in a dry run returns {@code dryRunResult} without
   * running it.
   */
  public <T> T mutate(String target, String description, T dryRunResult, Mutation<T> action) {
    record(target, description);
    if (dryRun) {
      logger.debug("{}: [dry-run] {}", target, description);
      return dryRunResult;
    }
    logger.info("{}: {}", target, description);
    try {
      return action.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new MutationFailedException(target, description, e);
    }
  }

  /**
   * Runs a run's own bookkeeping on a target (taking and releasing the apply lock): like a mutation
   * it never runs in a dry run, but it is not a change of the target's state, so it is kept out of
   * {@link #changes()} and a converged re-run still reports no change.
   */
  public void housekeeping(String target, String description, Mutation<?> action) {
    if (dryRun) {
      return;
    }
    logger.debug("{}: {}", target, description);
    try {
      action.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new MutationFailedException(target, description, e);
    }
  }

  private synchronized void record(String target, String description) {
    int seq = sequence.merge(target, 1, Integer::sum);
    changes.add(new PlannedChange(target, phase, description, seq, phaseIndex));
  }

  /** Every change recorded so far, sorted by target then order: deterministic for any timing. */
  public synchronized List<PlannedChange> changes() {
    List<PlannedChange> sorted = new ArrayList<>(changes);
    sorted.sort(
        Comparator.comparing(PlannedChange::target).thenComparingInt(PlannedChange::sequence));
    return List.copyOf(sorted);
  }

  /** Helper for call sites that already are in a Callable shape. */
  public static <T> Mutation<T> of(Callable<T> c) {
    return c::call;
  }
}
