package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import java.util.List;

/** Runs every {@link ClusterCheck}; the list of checks lives here and nowhere else. */
public final class ClusterValidator {
  private static final List<ClusterCheck> CHECKS =
      List.of(
          new HostsCheck(),
          new GitopsCheck(),
          new StacksCheck(),
          new SiteCheck(),
          new MirrorsCheck());

  private ClusterValidator() {}

  public static void validate(Cluster defaulted, ClusterCheck.Context context) {
    for (ClusterCheck check : CHECKS) {
      check.check(defaulted, context);
    }
  }
}
