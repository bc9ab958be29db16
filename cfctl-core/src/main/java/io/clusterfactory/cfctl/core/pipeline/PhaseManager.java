package io.clusterfactory.cfctl.core.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs phases in order: prepare, shouldRun, run. Logs progress on stderr (through SLF4J), times
 * each phase, and on failure runs cleanUp of every phase that ran, in reverse order.
 */
public final class PhaseManager<C extends PhaseContext> {
  private static final Logger logger = LoggerFactory.getLogger(PhaseManager.class);

  private final Phases<C> phases;
  private final List<PhaseResult> results = new ArrayList<>();

  public PhaseManager(Phases<C> phases) {
    this.phases = phases;
  }

  public List<PhaseResult> run(C ctx) {
    List<Phase<C>> ran = new ArrayList<>();
    long started = System.nanoTime();
    for (Phase<C> phase : phases.asList()) {
      long t0 = System.nanoTime();
      ctx.guard().enterPhase(phase.title());
      try {
        phase.prepare(ctx);
        if (!phase.shouldRun(ctx)) {
          logger.debug("==> Skipping phase: {} (nothing to do)", phase.title());
          results.add(new PhaseResult(phase.title(), PhaseResult.Status.SKIPPED, since(t0)));
          continue;
        }
        logger.info("==> {}", phase.title());
        ran.add(phase);
        phase.run(ctx);
        results.add(new PhaseResult(phase.title(), PhaseResult.Status.RAN, since(t0)));
      } catch (RuntimeException e) {
        results.add(new PhaseResult(phase.title(), PhaseResult.Status.FAILED, since(t0)));
        for (int i = ran.size() - 1; i >= 0; i--) {
          try {
            ran.get(i).cleanUp(ctx);
          } catch (RuntimeException cleanupError) {
            logger.warn(
                "clean-up of '{}' failed: {}", ran.get(i).title(), cleanupError.getMessage());
          }
        }
        throw e;
      }
    }
    logger.info("==> Finished in {}", format(since(started)));
    return List.copyOf(results);
  }

  /** Results so far, including a failed phase. */
  public List<PhaseResult> results() {
    return List.copyOf(results);
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = d.toSeconds();
    return s < 60 ? String.format("%.1fs", ms / 1000.0) : (s / 60) + "m" + (s % 60) + "s";
  }
}
