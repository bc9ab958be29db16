package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.apply.phase.AcquireClusterLease;
import io.clusterfactory.cfctl.core.apply.phase.ApplyExtraManifests;
import io.clusterfactory.cfctl.core.apply.phase.Bootstrap;
import io.clusterfactory.cfctl.core.apply.phase.CheckBootstrap;
import io.clusterfactory.cfctl.core.apply.phase.CompareChartObjects;
import io.clusterfactory.cfctl.core.apply.phase.CompareRestoredTree;
import io.clusterfactory.cfctl.core.apply.phase.DeployStack;
import io.clusterfactory.cfctl.core.apply.phase.DumpDataServices;
import io.clusterfactory.cfctl.core.apply.phase.HydrateTree;
import io.clusterfactory.cfctl.core.apply.phase.PruneRemovedStacks;
import io.clusterfactory.cfctl.core.apply.phase.PublishTree;
import io.clusterfactory.cfctl.core.apply.phase.ReadPublishedTree;
import io.clusterfactory.cfctl.core.apply.phase.ReadSealingKeys;
import io.clusterfactory.cfctl.core.apply.phase.ReadStacksStatus;
import io.clusterfactory.cfctl.core.apply.phase.RecordTreeCommit;
import io.clusterfactory.cfctl.core.apply.phase.ReleaseClusterLease;
import io.clusterfactory.cfctl.core.apply.phase.RenderTree;
import io.clusterfactory.cfctl.core.apply.phase.RestoreSealingKeys;
import io.clusterfactory.cfctl.core.apply.phase.SealTree;
import io.clusterfactory.cfctl.core.apply.phase.SealWithControllerCertificate;
import io.clusterfactory.cfctl.core.apply.phase.UseKubeconfigFile;
import io.clusterfactory.cfctl.core.apply.phase.ValidateObjects;
import io.clusterfactory.cfctl.core.apply.phase.WriteBackupArchive;
import io.clusterfactory.cfctl.core.apply.phase.WriteKubeconfig;
import io.clusterfactory.cfctl.core.hydrate.Hydrator;
import io.clusterfactory.cfctl.core.pipeline.PhaseManager;
import io.clusterfactory.cfctl.core.pipeline.PhaseResult;
import io.clusterfactory.cfctl.core.pipeline.Phases;
import io.clusterfactory.cfctl.core.render.Stack;
import java.util.List;

/**
 * The phase list of every command, written once. Every command starts the same way (connect, lock,
 * learn the hosts, get the API's kubeconfig) and then does its own part: apply (and diff, which is
 * apply on a read-only guard) renders, seals and checks everything that can be checked before its
 * first mutation, then changes the hosts, Git and the cluster, in that order, under one host lock
 * and one cluster lease held until the end. Host phases come from the {@link HostPhases} the caller
 * hands in; phases decide with {@code shouldRun} whether the run needs them ({@code --only}, the
 * command, what earlier phases found).
 */
public final class Pipelines {
  private Pipelines() {}

  /** apply and diff. */
  public static <C extends ClusterContext> Phases<C> apply(HostPhases<C> hosts) {
    Phases<C> p = start(hosts);
    // everything that can be known before the first mutation, checked before it
    p.append(new RenderTree());
    p.append(new HydrateTree());
    p.append(new ValidateObjects());
    p.append(new ReadPublishedTree());
    p.append(new CompareRestoredTree());
    p.append(new SealTree());
    p.append(new CheckBootstrap()); // before the hosts: a new cluster will need ArgoCD's chart
    // then the changes: hosts, Git, the cluster
    p.appendAll(hosts.phases(HostStep.INSTALL));
    p.appendAll(hosts.phases(HostStep.KUBECONFIG)); // a cluster this run created
    p.append(new WriteKubeconfig());
    p.append(new AcquireClusterLease());
    p.appendAll(hosts.phases(HostStep.NODES));
    // --restore-from: the old sealing keys are in place before the controller first starts
    p.append(new RestoreSealingKeys());
    p.append(new PublishTree());
    p.append(new Bootstrap());
    for (Stack stack : Stack.values()) {
      p.append(new DeployStack(stack));
      if (stack == Stack.GITOPS) {
        // the sealed-secrets controller comes with the gitops stack
        p.append(new SealWithControllerCertificate());
      }
    }
    p.append(new PruneRemovedStacks());
    p.append(new ApplyExtraManifests());
    p.append(new CompareChartObjects()); // diff only
    p.appendAll(hosts.phases(HostStep.COMPARE));
    return end(p, hosts);
  }

  /** kubeconfig: apply's list cut after the kubeconfig is fetched. */
  public static <C extends ClusterContext> Phases<C> kubeconfig(HostPhases<C> hosts) {
    return end(start(hosts), hosts);
  }

  /** status: the hosts' facts, then the Applications through the API. */
  public static <C extends ClusterContext> Phases<C> status(HostPhases<C> hosts) {
    Phases<C> p = start(hosts);
    p.appendAll(hosts.phases(HostStep.STATUS));
    p.append(new ReadStacksStatus());
    return end(p, hosts);
  }

  /** reset: k0s removed from every host, under the host lock. */
  public static <C extends ClusterContext> Phases<C> reset(HostPhases<C> hosts) {
    Phases<C> p = start(hosts);
    p.appendAll(hosts.phases(HostStep.RESET));
    return end(p, hosts);
  }

  /**
   * backup: k0s's backup from the leader (host side), then what only cfctl knows: the sealing keys
   * through the API, the data services asked for ({@code --include}), the published tree's commit;
   * then one local archive.
   */
  public static <C extends ClusterContext> Phases<C> backup(HostPhases<C> hosts) {
    Phases<C> p = start(hosts);
    p.appendAll(hosts.phases(HostStep.BACKUP));
    p.append(new ReadSealingKeys());
    p.append(new DumpDataServices());
    p.append(new RecordTreeCommit());
    p.append(new WriteBackupArchive());
    return end(p, hosts);
  }

  /** The list of {@code command}. */
  public static <C extends ClusterContext> Phases<C> of(Command command, HostPhases<C> hosts) {
    return switch (command) {
      case APPLY, DIFF -> apply(hosts);
      case KUBECONFIG -> kubeconfig(hosts);
      case STATUS -> status(hosts);
      case RESET -> reset(hosts);
      case BACKUP -> backup(hosts);
    };
  }

  /**
   * Runs {@code command}'s list over a new context and returns the context for the caller's report.
   * The context's API client and cluster lease are closed whatever happens.
   */
  public static <C extends ClusterContext> Ran<C> run(
      Command command,
      HostPhases<C> hosts,
      io.clusterfactory.cfctl.core.config.LoadedConfig config,
      ApplyOptions options,
      TreeSealing sealing) {
    return runPrepared(command, hosts, config, options, sealing, ctx -> {});
  }

  /** The same with the run's {@link Hydrator} (null: nothing is hydrated). */
  public static <C extends ClusterContext> Ran<C> run(
      Command command,
      HostPhases<C> hosts,
      io.clusterfactory.cfctl.core.config.LoadedConfig config,
      ApplyOptions options,
      TreeSealing sealing,
      Hydrator hydrator) {
    return runPrepared(
        command,
        hosts,
        config,
        options,
        sealing,
        ctx -> {
          if (hydrator != null) {
            ctx.useHydrator(hydrator); // else keep what the context was made with
          }
        });
  }

  /** Like {@link #run}, with {@code prepare} filling the new context's slots first (a backup). */
  public static <C extends ClusterContext> Ran<C> runPrepared(
      Command command,
      HostPhases<C> hosts,
      io.clusterfactory.cfctl.core.config.LoadedConfig config,
      ApplyOptions options,
      TreeSealing sealing,
      java.util.function.Consumer<? super C> prepare) {
    C ctx = hosts.context(config, options, command);
    ctx.useSealing(sealing);
    prepare.accept(ctx);
    try (ctx) {
      List<PhaseResult> results = new PhaseManager<>(of(command, hosts)).run(ctx);
      return new Ran<>(ctx, results);
    }
  }

  /** A finished run: its context (what the phases found and did) and each phase's outcome. */
  public record Ran<C extends ClusterContext>(C context, List<PhaseResult> phases) {}

  private static <C extends ClusterContext> Phases<C> start(HostPhases<C> hosts) {
    Phases<C> p = Phases.empty();
    p.appendAll(hosts.phases(HostStep.CONNECT));
    p.appendAll(hosts.phases(HostStep.LOCK));
    p.appendAll(hosts.phases(HostStep.INSPECT));
    p.append(new UseKubeconfigFile());
    p.appendAll(hosts.phases(HostStep.KUBECONFIG)); // an existing cluster's
    return p;
  }

  private static <C extends ClusterContext> Phases<C> end(Phases<C> p, HostPhases<C> hosts) {
    p.append(new ReleaseClusterLease());
    p.appendAll(hosts.phases(HostStep.RELEASE));
    return p;
  }
}
