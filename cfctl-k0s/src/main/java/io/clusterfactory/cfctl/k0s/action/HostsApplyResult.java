package io.clusterfactory.cfctl.k0s.action;

import io.clusterfactory.cfctl.core.apply.Plan;
import io.clusterfactory.cfctl.core.pipeline.PhaseResult;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import java.time.Duration;
import java.util.List;

/**
 * What an apply to the hosts did.
 *
 * @param phases each phase: ran/skipped, and how long it took
 * @param changes every host change, performed or (dry run) planned, sorted by host then order
 * @param plan the same changes grouped per host, for text or JSON output
 * @param k0sVersion the version the cluster runs (or would run)
 * @param leader the controller the cluster was driven through
 * @param elapsed wall time of the whole run
 */
public record HostsApplyResult(
    List<PhaseResult> phases,
    List<PlannedChange> changes,
    Plan plan,
    String k0sVersion,
    String leader,
    Duration elapsed) {}
