package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.gitops.PublishResult;
import io.clusterfactory.cfctl.core.kube.ApplyResult;
import io.clusterfactory.cfctl.core.pipeline.PhaseResult;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import java.util.List;

/**
 * What one apply did (or, in a dry run, would do).
 *
 * @param changes every mutation, hosts first, then Git and the cluster; the dry-run plan
 * @param hostPhases per-phase timings of the host part (empty when it did not run)
 * @param publish the Git outcome, or null when the GitOps part did not run
 * @param stacks per-stack apply results (bootstrap first), empty when the stacks did not run
 * @param notes things a user should know (a part skipped and why)
 */
public record ApplyReport(
    boolean dryRun,
    List<PlannedChange> changes,
    List<PhaseResult> hostPhases,
    PublishResult publish,
    List<ApplyResult> stacks,
    List<String> notes) {}
