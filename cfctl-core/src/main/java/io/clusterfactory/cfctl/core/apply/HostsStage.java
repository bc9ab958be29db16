package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.pipeline.PhaseResult;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import java.time.Duration;
import java.util.List;

/**
 * The host half of apply, implemented by cfctl-k0s (core cannot depend on it; the CLI wires it).
 */
public interface HostsStage {
  /**
   * @param noDrain do not drain workers before upgrading or removing them ({@code --no-drain})
   * @param transfers reports binary upload progress (null: none)
   */
  record Options(
      boolean dryRun,
      int concurrency,
      int concurrentUploads,
      boolean acceptNewHostKeys,
      Duration timeout,
      boolean noDrain,
      io.clusterfactory.cfctl.core.pipeline.TransferListener transfers) {
    public Options(
        boolean dryRun,
        int concurrency,
        int concurrentUploads,
        boolean acceptNewHostKeys,
        Duration timeout) {
      this(dryRun, concurrency, concurrentUploads, acceptNewHostKeys, timeout, false, null);
    }
  }

  /**
   * @param changes every host mutation performed (or planned, in a dry run)
   * @param phases per-phase timings
   */
  record Result(List<PlannedChange> changes, List<PhaseResult> phases) {}

  Result apply(LoadedConfig config, Options options);

  /** The admin kubeconfig from the leader; {@code address} overrides the API address, or null. */
  String adminKubeconfig(LoadedConfig config, String address, Options options);

  /**
   * What apply would do to the hosts, for {@code cfctl diff}. This default derives it from a dry
   * run's plan (which hosts would change); implementations add versions and flags.
   */
  default io.clusterfactory.cfctl.core.diff.HostsSection diff(
      LoadedConfig config, Options options) {
    Options dry =
        new Options(
            true,
            options.concurrency(),
            options.concurrentUploads(),
            options.acceptNewHostKeys(),
            options.timeout());
    java.util.Set<String> changed = new java.util.TreeSet<>();
    apply(config, dry).changes().forEach(c -> changed.add(c.target()));
    String version = config.cluster().spec().k0s().version();
    java.util.List<io.clusterfactory.cfctl.core.diff.HostDiff> hosts = new java.util.ArrayList<>();
    for (var h : config.cluster().spec().hosts()) {
      boolean change = changed.contains(h.displayName());
      hosts.add(
          new io.clusterfactory.cfctl.core.diff.HostDiff(
              h.displayName(),
              h.role().yaml(),
              change
                  ? io.clusterfactory.cfctl.core.diff.ChangeKind.UPDATE
                  : io.clusterfactory.cfctl.core.diff.ChangeKind.UNCHANGED,
              "",
              change ? version : "",
              java.util.List.of()));
    }
    return new io.clusterfactory.cfctl.core.diff.HostsSection("", version, hosts);
  }
}
