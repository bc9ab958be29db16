package io.clusterfactory.cfctl.core.apply;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

/**
 * What {@code cfctl diff} compares.
 *
 * @param offline compare the rendered tree with Git only: no SSH, no cluster credentials (what a CI
 *     job on a fork can do)
 * @param baseRef the branch or commit to compare the tree with; null for the repository's branch
 * @param kubeconfig a kubeconfig for the live comparison instead of the one fetched from the
 *     leader, or null
 */
public record DiffOptions(
    EnumSet<ApplyPart> parts,
    boolean offline,
    String baseRef,
    Path kubeconfig,
    boolean prune,
    Duration timeout,
    boolean acceptNewHostKeys,
    Map<String, String> env) {

  HostsStage.Options hostsOptions() {
    return new HostsStage.Options(true, -1, -1, acceptNewHostKeys, timeout);
  }
}
