package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import java.util.List;

/**
 * {@code cfctl status}: {@link Pipelines#status}'s list. Read-only; a host or an API that cannot be
 * reached is reported with its cause instead of failing the command.
 */
public final class ClusterStatusAction<C extends ClusterContext> {
  /**
   * @param apps the Applications, empty when they could not be read ({@code stacksError} says why)
   */
  public record StatusReport(
      List<HostStatus> hosts, List<StacksStatus.AppStatus> apps, String stacksError) {
    /** Every host runs k0s with nothing left by an interrupted run, every app Synced+Healthy. */
    public boolean ok() {
      return hosts.stream().allMatch(HostStatus::ok)
          && stacksError == null
          && apps.stream().allMatch(StacksStatus.AppStatus::ok);
    }
  }

  private final HostPhases<C> hosts;

  public ClusterStatusAction(HostPhases<C> hosts) {
    this.hosts = hosts;
  }

  public StatusReport run(LoadedConfig config, ApplyOptions options) {
    C ctx = Pipelines.run(Command.STATUS, hosts, config, options, new NoSealing()).context();
    return new StatusReport(
        ctx.hostStatuses(), ctx.apps() == null ? List.of() : ctx.apps(), ctx.stacksError());
  }
}
