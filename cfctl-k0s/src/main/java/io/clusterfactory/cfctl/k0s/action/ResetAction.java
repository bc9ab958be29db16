package io.clusterfactory.cfctl.k0s.action;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.pipeline.PhaseManager;
import io.clusterfactory.cfctl.core.pipeline.PhaseResult;
import io.clusterfactory.cfctl.core.pipeline.Phases;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.HostsOptions;
import io.clusterfactory.cfctl.k0s.phase.AcquireLock;
import io.clusterfactory.cfctl.k0s.phase.Connect;
import io.clusterfactory.cfctl.k0s.phase.DetectOs;
import io.clusterfactory.cfctl.k0s.phase.Disconnect;
import io.clusterfactory.cfctl.k0s.phase.GatherFacts;
import io.clusterfactory.cfctl.k0s.phase.GatherK0sFacts;
import io.clusterfactory.cfctl.k0s.phase.ReleaseLock;
import io.clusterfactory.cfctl.k0s.phase.ResetHosts;
import io.clusterfactory.cfctl.k0s.phase.RunHooks;
import java.time.Duration;
import java.util.List;

/**
 * {@code cfctl reset}: removes k0s from every host (stop, {@code k0s reset}, config, token,
 * binary), under the host lock. Asking for confirmation is the caller's job.
 */
public final class ResetAction {
  private final LoadedConfig config;
  private final HostsOptions options;

  public ResetAction(LoadedConfig config, HostsOptions options) {
    this.config = config;
    this.options = options;
  }

  public static Phases<HostsContext> defaultPhases() {
    return Phases.of(
        List.of(
            new Connect(),
            new DetectOs(),
            new GatherFacts(),
            new AcquireLock(),
            new GatherK0sFacts(),
            new RunHooks("reset", RunHooks.When.BEFORE),
            ResetHosts.all(),
            new RunHooks("reset", RunHooks.When.AFTER),
            new ReleaseLock(),
            new Disconnect()));
  }

  public HostsApplyResult run() {
    HostsContext ctx = new HostsContext(config, options);
    long t0 = System.nanoTime();
    List<PhaseResult> results = new PhaseManager<>(defaultPhases()).run(ctx);
    return new HostsApplyResult(
        results,
        ctx.guard().changes(),
        Plan.of(ctx.dryRun(), ctx.guard().changes()),
        null,
        null,
        Duration.ofNanos(System.nanoTime() - t0));
  }
}
