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
  record Options(
      boolean dryRun,
      int concurrency,
      int concurrentUploads,
      boolean acceptNewHostKeys,
      Duration timeout) {}

  /**
   * @param changes every host mutation performed (or planned, in a dry run)
   * @param phases per-phase timings
   */
  record Result(List<PlannedChange> changes, List<PhaseResult> phases) {}

  Result apply(LoadedConfig config, Options options);

  /** The admin kubeconfig from the leader; {@code address} overrides the API address, or null. */
  String adminKubeconfig(LoadedConfig config, String address, Options options);
}
