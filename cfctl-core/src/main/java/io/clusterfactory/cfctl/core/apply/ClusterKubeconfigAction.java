package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.error.OperationFailedException;

/**
 * {@code cfctl kubeconfig}: apply's list cut after the kubeconfig is fetched from the leader
 * ({@link Pipelines#kubeconfig}); the leader is chosen once, by the host facts phase.
 */
public final class ClusterKubeconfigAction<C extends ClusterContext> {
  private final HostPhases<C> hosts;

  public ClusterKubeconfigAction(HostPhases<C> hosts) {
    this.hosts = hosts;
  }

  /**
   * @throws OperationFailedException no controller runs k0s yet (exit 1)
   * @throws io.clusterfactory.cfctl.core.error.UnreachableException no controller could be reached
   */
  public String run(LoadedConfig config, ApplyOptions options) {
    C ctx = Pipelines.run(Command.KUBECONFIG, hosts, config, options, new NoSealing()).context();
    if (ctx.kubeconfig() == null) {
      throw new OperationFailedException(
          ctx.clusterMissing() != null
              ? ctx.clusterMissing()
              : "no controller runs k0s, so there is no admin kubeconfig to fetch",
          "run cfctl apply first",
          null);
    }
    return ctx.kubeconfig();
  }
}
