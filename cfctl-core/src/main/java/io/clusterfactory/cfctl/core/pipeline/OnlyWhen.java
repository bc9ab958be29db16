package io.clusterfactory.cfctl.core.pipeline;

import java.util.List;
import java.util.function.Predicate;

/**
 * A phase that runs only when a condition of the run holds (a part selected with {@code --only},
 * the command): the condition is the phase's {@code shouldRun}, so the list stays one list and a
 * skipped phase is logged like any other. Everything else is the wrapped phase's.
 */
public final class OnlyWhen<C extends PhaseContext> implements Phase<C> {
  private final Predicate<? super C> condition;
  private final Phase<? super C> phase;

  private OnlyWhen(Predicate<? super C> condition, Phase<? super C> phase) {
    this.condition = condition;
    this.phase = phase;
  }

  public static <C extends PhaseContext> Phase<C> of(
      Predicate<? super C> condition, Phase<? super C> phase) {
    return new OnlyWhen<>(condition, phase);
  }

  public static <C extends PhaseContext> List<Phase<? super C>> all(
      Predicate<? super C> condition, List<? extends Phase<? super C>> phases) {
    return phases.stream().<Phase<? super C>>map(p -> of(condition, p)).toList();
  }

  /** The wrapped phase, for tests that ask what a list holds. */
  public Phase<? super C> phase() {
    return phase;
  }

  @Override
  public String title() {
    return phase.title();
  }

  @Override
  public String describe(C ctx) {
    return phase.describe(ctx);
  }

  @Override
  public void prepare(C ctx) {
    if (condition.test(ctx)) {
      phase.prepare(ctx);
    }
  }

  @Override
  public boolean shouldRun(C ctx) {
    return condition.test(ctx) && phase.shouldRun(ctx);
  }

  @Override
  public void run(C ctx) {
    phase.run(ctx);
  }

  @Override
  public void cleanUp(C ctx) {
    phase.cleanUp(ctx);
  }
}
