package io.clusterfactory.cfctl.core.pipeline;

/**
 * One step of a pipeline, named for what it does, idempotent: running it on a converged system
 * changes nothing. Every mutation goes through {@link PhaseContext#guard()} so {@code --dry-run}
 * becomes a plan. Optional hooks have defaults.
 *
 * @param <C> the context the pipeline shares (hosts, facts, options)
 */
public interface Phase<C extends PhaseContext> {
  /** Human title, e.g. "Install controllers"; also the key for editing a pipeline. */
  String title();

  /**
   * What the progress line and the summary call this phase in this run; a phase that does less in a
   * dry run says so (the lock phase only checks the lock), so a dry run never names a step it does
   * not take.
   */
  default String describe(C ctx) {
    return title();
  }

  /** Runs just before this phase, after earlier phases ran: choose hosts, read facts. */
  default void prepare(C ctx) {}

  /** Whether there is anything to do; a skipped phase is logged as such. */
  default boolean shouldRun(C ctx) {
    return true;
  }

  void run(C ctx);

  /** Runs on failure for every phase that already ran, in reverse order. Must not throw. */
  default void cleanUp(C ctx) {}
}
