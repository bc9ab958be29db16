package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;

/**
 * {@code cfctl reset}: {@link Pipelines#reset}'s list: k0s removed from every host under the host
 * lock; {@code --dry-run} lists what would be removed on each host. Asking for confirmation is the
 * caller's.
 */
public final class ClusterResetAction<C extends ClusterContext> {
  private final HostPhases<C> hosts;

  public ClusterResetAction(HostPhases<C> hosts) {
    this.hosts = hosts;
  }

  public ApplyReport run(LoadedConfig config, ApplyOptions options) {
    Pipelines.Ran<C> ran = Pipelines.run(Command.RESET, hosts, config, options, new NoSealing());
    C ctx = ran.context();
    return new ApplyReport(
        ctx.dryRun(), ctx.guard().changes(), ran.phases(), null, ctx.stackResults(), ctx.notes());
  }
}
