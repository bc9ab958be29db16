package io.clusterfactory.cfctl.k0s.action;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.pipeline.PhaseManager;
import io.clusterfactory.cfctl.core.pipeline.PhaseResult;
import io.clusterfactory.cfctl.core.pipeline.Phases;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.HostsOptions;
import io.clusterfactory.cfctl.k0s.phase.AcquireLock;
import io.clusterfactory.cfctl.k0s.phase.ConfigureK0s;
import io.clusterfactory.cfctl.k0s.phase.Connect;
import io.clusterfactory.cfctl.k0s.phase.DetectOs;
import io.clusterfactory.cfctl.k0s.phase.Disconnect;
import io.clusterfactory.cfctl.k0s.phase.GatherFacts;
import io.clusterfactory.cfctl.k0s.phase.GatherK0sFacts;
import io.clusterfactory.cfctl.k0s.phase.InitializeK0s;
import io.clusterfactory.cfctl.k0s.phase.InstallControllers;
import io.clusterfactory.cfctl.k0s.phase.InstallWorkers;
import io.clusterfactory.cfctl.k0s.phase.Reinstall;
import io.clusterfactory.cfctl.k0s.phase.ReleaseLock;
import io.clusterfactory.cfctl.k0s.phase.ResetHosts;
import io.clusterfactory.cfctl.k0s.phase.RestoreDisruptedNodes;
import io.clusterfactory.cfctl.k0s.phase.RunHooks;
import io.clusterfactory.cfctl.k0s.phase.StageK0sBinary;
import io.clusterfactory.cfctl.k0s.phase.UpgradeControllers;
import io.clusterfactory.cfctl.k0s.phase.UpgradeWorkers;
import io.clusterfactory.cfctl.k0s.phase.UploadFiles;
import io.clusterfactory.cfctl.k0s.phase.ValidateFacts;
import io.clusterfactory.cfctl.k0s.phase.ValidateHosts;
import java.time.Duration;
import java.util.List;

/**
 * {@code cfctl apply --only hosts}: makes the hosts of cluster.yaml a running k0s cluster of the
 * wanted version, idempotently. In a dry run nothing on any host changes and the result's plan says
 * what would.
 */
public final class HostsApplyAction {
  private final LoadedConfig config;
  private final HostsOptions options;
  private final Phases<HostsContext> phases;

  public HostsApplyAction(LoadedConfig config, HostsOptions options) {
    this.config = config;
    this.options = options;
    this.phases = defaultPhases();
  }

  /** The apply pipeline, in order; editable by title before {@link #run()}. */
  public static Phases<HostsContext> defaultPhases() {
    return Phases.of(
        List.of(
            new Connect(),
            new DetectOs(),
            new GatherFacts(),
            new ValidateHosts(),
            new AcquireLock(),
            new GatherK0sFacts(),
            new ValidateFacts(),
            new StageK0sBinary(),
            new UploadFiles(),
            new ConfigureK0s(),
            new RunHooks("apply", RunHooks.When.BEFORE),
            new InitializeK0s(),
            new InstallControllers(),
            new InstallWorkers(),
            new UpgradeControllers(),
            new UpgradeWorkers(),
            new RestoreDisruptedNodes(),
            new Reinstall(),
            ResetHosts.marked(),
            new RunHooks("apply", RunHooks.When.AFTER),
            new ReleaseLock(),
            new Disconnect()));
  }

  public Phases<HostsContext> phases() {
    return phases;
  }

  /**
   * Runs the pipeline.
   *
   * @throws io.clusterfactory.cfctl.core.error.CfctlException on failure; hosts that could not be
   *     reached give exit code 3 and are named, and nothing was changed on any host
   */
  public HostsApplyResult run() {
    HostsContext ctx = new HostsContext(config, options);
    long t0 = System.nanoTime();
    List<PhaseResult> results = new PhaseManager<>(phases).run(ctx);
    return new HostsApplyResult(
        results,
        ctx.guard().changes(),
        Plan.of(ctx.dryRun(), ctx.guard().changes()),
        ctx.targetVersion() == null ? null : ctx.targetVersion().toString(),
        leaderName(ctx),
        Duration.ofNanos(System.nanoTime() - t0));
  }

  private static String leaderName(HostsContext ctx) {
    try {
      return ctx.leader().name();
    } catch (IllegalStateException e) {
      return null;
    }
  }
}
