package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;

/**
 * {@code cfctl apply}: {@link Pipelines#apply}'s one list (hosts over SSH, the admin kubeconfig,
 * the tree rendered, sealed, committed and pushed, the stacks applied in order with waits) over one
 * context and one guard; {@code --dry-run} is that guard, read-only, and the report's changes are
 * then the plan.
 */
public final class ClusterApplyAction<C extends ClusterContext> {
  private final HostPhases<C> hosts;
  private final TreeSealing sealing;
  private io.clusterfactory.cfctl.core.backup.RestoreSource restore;
  private io.clusterfactory.cfctl.core.hydrate.Hydrator hydrator;
  private io.clusterfactory.cfctl.core.airgap.OpenedBundle airgap;

  public ClusterApplyAction(HostPhases<C> hosts, TreeSealing sealing) {
    this.hosts = hosts;
    this.sealing = sealing;
  }

  /** {@code --restore-from}: the run restores this (already checked) backup. */
  public ClusterApplyAction<C> restoringFrom(io.clusterfactory.cfctl.core.backup.RestoreSource r) {
    this.restore = r;
    return this;
  }

  /** {@code --bundle}: the k0s binary and the image archives come from this (checked) bundle. */
  public ClusterApplyAction<C> fromBundle(io.clusterfactory.cfctl.core.airgap.OpenedBundle b) {
    this.airgap = b;
    return this;
  }

  /** Hands the run a Helm hydrator (docs/helm.md); without one the tree is not hydrated. */
  public ClusterApplyAction<C> withHydrator(io.clusterfactory.cfctl.core.hydrate.Hydrator value) {
    this.hydrator = value;
    return this;
  }

  public ApplyReport run(LoadedConfig config, ApplyOptions options) {
    Pipelines.Ran<C> ran =
        Pipelines.runPrepared(
            Command.APPLY,
            hosts,
            config,
            options,
            sealing,
            ctx -> {
              ctx.restore(restore);
              ctx.airgap(airgap);
              if (hydrator != null) {
                ctx.useHydrator(hydrator);
              }
            });
    C ctx = ran.context();
    if (ctx.includes(ApplyPart.STACKS) && ctx.rendered() && ctx.kubeconfig() == null) {
      ctx.note(
          "stacks: skipped, no API server to talk to yet ("
              + (ctx.clusterMissing() != null ? ctx.clusterMissing() : "no kubeconfig")
              + ")");
    }
    return new ApplyReport(
        ctx.dryRun(),
        ctx.guard().changes(),
        ran.phases(),
        ctx.publish(),
        ctx.stackResults(),
        ctx.notes());
  }
}
