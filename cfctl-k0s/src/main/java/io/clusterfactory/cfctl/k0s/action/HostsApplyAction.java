package io.clusterfactory.cfctl.k0s.action;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.apply.NoSealing;
import io.clusterfactory.cfctl.core.apply.Pipelines;
import io.clusterfactory.cfctl.core.apply.Plan;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import io.clusterfactory.cfctl.k0s.K0sHostPhases;
import java.time.Duration;
import java.util.EnumSet;

/**
 * {@code cfctl apply --only hosts}, or {@code reset}: apply's one list ({@link Pipelines}) with
 * only the hosts part selected, returning what the host side learnt (the leader, the version).
 * Nothing here orders phases: this is the entry tests of the host side use.
 */
public final class HostsApplyAction {
  private final LoadedConfig config;
  private final ApplyOptions options;
  private final HostsSettings settings;
  private io.clusterfactory.cfctl.core.airgap.OpenedBundle airgap;

  public HostsApplyAction(LoadedConfig config, ApplyOptions options, HostsSettings settings) {
    this.config = config;
    this.options = options.toBuilder().parts(EnumSet.of(ApplyPart.HOSTS)).build();
    this.settings = settings;
  }

  /** {@code --bundle}: the k0s binary and the image archives come from this (checked) bundle. */
  public HostsApplyAction fromBundle(io.clusterfactory.cfctl.core.airgap.OpenedBundle bundle) {
    this.airgap = bundle;
    return this;
  }

  /**
   * Runs apply's list.
   *
   * @throws io.clusterfactory.cfctl.core.error.CfctlException on failure; hosts that could not be
   *     reached give exit code 3 and are named, and nothing was changed on any host
   */
  public HostsApplyResult run() {
    return run(Command.APPLY);
  }

  /** Runs reset's list. */
  public HostsApplyResult reset() {
    return run(Command.RESET);
  }

  private HostsApplyResult run(Command command) {
    long t0 = System.nanoTime();
    Pipelines.Ran<HostsContext> ran =
        Pipelines.runPrepared(
            command,
            new K0sHostPhases(settings),
            config,
            options,
            new NoSealing(),
            c -> c.airgap(airgap));
    HostsContext ctx = ran.context();
    return new HostsApplyResult(
        ran.phases(),
        ctx.guard().changes(),
        Plan.of(ctx.dryRun(), ctx.guard().changes()),
        ctx.targetVersion() == null ? null : ctx.targetVersion().toString(),
        ctx.leaderOrNull() == null ? null : ctx.leaderOrNull().name(),
        Duration.ofNanos(System.nanoTime() - t0));
  }
}
