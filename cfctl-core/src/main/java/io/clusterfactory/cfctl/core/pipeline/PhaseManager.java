package io.clusterfactory.cfctl.core.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs phases in order: prepare, shouldRun, run. Logs progress on stderr (through SLF4J), times
 * each phase, and on failure runs cleanUp of every phase that ran, in reverse order. The run's
 * summary lists every phase that ran with its duration, so a user sees where the time went.
 */
public final class PhaseManager<C extends PhaseContext> {
  private static final Logger logger = LoggerFactory.getLogger(PhaseManager.class);

  private final Phases<C> phases;
  private final List<PhaseResult> results = new ArrayList<>();

  public PhaseManager(Phases<C> phases) {
    this.phases = phases;
  }

  public List<PhaseResult> run(C ctx) {
    List<Phase<? super C>> ran = new ArrayList<>();
    long started = System.nanoTime();
    List<Phase<? super C>> list = phases.asList();
    for (int index = 0; index < list.size(); index++) {
      Phase<? super C> phase = list.get(index);
      long t0 = System.nanoTime();
      ctx.guard().enterPhase(phase.title(), index);
      String title = phase.title();
      try {
        ctx.checkDeadline(title);
        phase.prepare(ctx);
        if (!phase.shouldRun(ctx)) {
          logger.debug("==> Skipping phase: {} (nothing to do)", title);
          results.add(new PhaseResult(title, PhaseResult.Status.SKIPPED, since(t0)));
          continue;
        }
        title = phase.describe(ctx);
        ctx.guard().enterPhase(title, index);
        logger.info("==> {}", title);
        ran.add(phase);
        phase.run(ctx);
        results.add(new PhaseResult(title, PhaseResult.Status.RAN, since(t0)));
      } catch (RuntimeException e) {
        results.add(new PhaseResult(title, PhaseResult.Status.FAILED, since(t0)));
        for (int i = ran.size() - 1; i >= 0; i--) {
          try {
            ran.get(i).cleanUp(ctx);
          } catch (RuntimeException cleanupError) {
            logger.warn(
                "clean-up of '{}' failed: {}", ran.get(i).title(), cleanupError.getMessage());
          }
        }
        logSummary(results, since(started), true);
        throw e;
      }
    }
    logSummary(results, since(started), false);
    return List.copyOf(results);
  }

  private static void logSummary(List<PhaseResult> results, Duration total, boolean failed) {
    StringBuilder b = new StringBuilder();
    for (PhaseResult r : results) {
      if (r.status() == PhaseResult.Status.SKIPPED) {
        continue;
      }
      b.append(b.length() == 0 ? "" : ", ")
          .append(r.title())
          .append(' ')
          .append(format(r.elapsed()))
          .append(r.status() == PhaseResult.Status.FAILED ? " (failed)" : "");
    }
    logger.info(
        "==> {} in {}{}",
        failed ? "Failed" : "Finished",
        format(total),
        b.length() == 0 ? "" : ": " + b);
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
