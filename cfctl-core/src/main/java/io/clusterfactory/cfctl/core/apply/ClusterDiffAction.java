package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.diff.DiffReport;
import io.clusterfactory.cfctl.core.diff.LiveSection;
import io.clusterfactory.cfctl.core.hydrate.Hydrator;
import java.util.List;

/**
 * {@code cfctl diff}: apply's own list ({@link Pipelines#apply}) on a read-only guard, with each
 * phase also saying what it would change in detail (the hosts, the Git tree file by file, the live
 * objects field by field). So diff and {@code apply --dry-run} list the same changes by
 * construction. Changes nothing anywhere. With a {@link Hydrator}, the objects the tree's charts
 * render are compared too ({@code CompareChartObjects}: with the cluster, or offline with the base
 * tree's); without one (null) the report has no chart section.
 */
public final class ClusterDiffAction<C extends ClusterContext> {
  private final HostPhases<C> hosts;
  private final TreeSealing sealing;
  private io.clusterfactory.cfctl.core.hydrate.Hydrator hydrator;
  private io.clusterfactory.cfctl.core.airgap.OpenedBundle airgap;

  public ClusterDiffAction(HostPhases<C> hosts, TreeSealing sealing) {
    this(hosts, sealing, null);
  }

  /**
   * @param hydrator renders the tree's charts; null compares no chart objects
   */
  public ClusterDiffAction(HostPhases<C> hosts, TreeSealing sealing, Hydrator hydrator) {
    this.hosts = hosts;
    this.sealing = sealing;
    this.hydrator = hydrator;
  }

  /** Hands the run a Helm hydrator (docs/helm.md); without one the tree is not hydrated. */
  public ClusterDiffAction<C> withHydrator(io.clusterfactory.cfctl.core.hydrate.Hydrator value) {
    this.hydrator = value;
    return this;
  }

  /** {@code --bundle}: the host changes are planned with the bundle's k0s binary and images. */
  public ClusterDiffAction<C> fromBundle(io.clusterfactory.cfctl.core.airgap.OpenedBundle b) {
    this.airgap = b;
    return this;
  }

  public DiffReport run(LoadedConfig config, ApplyOptions options) {
    C ctx =
        Pipelines.runPrepared(
                Command.DIFF,
                hosts,
                config,
                options,
                sealing,
                c -> {
                  if (hydrator != null) {
                    c.useHydrator(hydrator);
                  }
                  c.airgap(airgap);
                })
            .context();
    LiveSection live = null;
    if (ctx.includes(ApplyPart.STACKS) && !options.offline() && ctx.rendered()) {
      if (ctx.clusterMissing() != null && ctx.kubeconfig() == null) {
        ctx.note("cluster not created yet: every object would be created");
      }
      live =
          new LiveSection(
              ctx.liveServer() == null ? "" : ctx.liveServer(), List.copyOf(ctx.liveDiffs()));
    }
    return new DiffReport(
        ctx.hostsDiff(), ctx.gitDiff(), live, ctx.hydratedDiff(), List.copyOf(ctx.notes()));
  }
}
