package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.gitops.HostKeyPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

/**
 * Everything {@code cfctl apply} takes besides the config.
 *
 * @param kubeconfig a kubeconfig to use for the API instead of the one fetched from the leader
 *     (e.g. to reach the API through a tunnel), or null
 * @param kubeconfigOut where to write the admin kubeconfig (mode 0600), or null
 * @param progress draws wait progress (a progress bar on a terminal), or null for log lines
 * @param transfers draws binary upload progress, or null
 */
public record ApplyOptions(
    EnumSet<ApplyPart> parts,
    boolean dryRun,
    Duration timeout,
    boolean waitForStacks,
    boolean prune,
    boolean forceConflicts,
    boolean noDrain,
    int concurrency,
    int concurrentUploads,
    boolean acceptNewHostKeys,
    Path kubeconfig,
    Path kubeconfigOut,
    String commitMessage,
    Map<String, String> env,
    io.clusterfactory.cfctl.core.kube.WaitListener progress,
    io.clusterfactory.cfctl.core.pipeline.TransferListener transfers) {

  public HostKeyPolicy gitHostKeyPolicy() {
    return acceptNewHostKeys ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT;
  }

  public HostsStage.Options hostsOptions() {
    return new HostsStage.Options(
        dryRun, concurrency, concurrentUploads, acceptNewHostKeys, timeout, noDrain, transfers);
  }
}
