package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import java.nio.file.Path;

/**
 * One group of semantic checks on a defaulted cluster. Checks report to {@code problems} with YAML
 * paths and never throw; {@link ClusterValidator} runs all of them so every problem is reported at
 * once.
 */
public interface ClusterCheck {
  void check(Cluster cluster, Context context);

  /** What a check may use besides the cluster. */
  record Context(
      Problems problems,
      Path baseDir,
      ValidationMode mode,
      ClusterFacts facts,
      java.util.Set<String> reported) {
    public Context(Problems problems, Path baseDir, ValidationMode mode, ClusterFacts facts) {
      this(problems, baseDir, mode, facts, new java.util.HashSet<>());
    }

    /**
     * A local file that must exist on this machine: warning offline (reported once per message, not
     * once per host), error for apply.
     */
    public void localFileMissing(String path, String message, String hint) {
      if (mode == ValidationMode.APPLY) {
        problems.error(path, message, hint);
      } else if (reported.add(message)) {
        problems.warning(path, message, hint);
      }
    }
  }
}
