package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.core.apply.CertificateSealing;
import io.clusterfactory.cfctl.core.apply.TreeSealing;
import io.clusterfactory.cfctl.k0s.K0sHostPhases;

/**
 * Where the CLI picks what core's pipelines are wired with: the host phases of cfctl-k0s (core
 * cannot depend on it) and the sealing step.
 */
public final class HostsStages {
  private HostsStages() {}

  public static K0sHostPhases hostPhases() {
    return new K0sHostPhases();
  }

  /** Sealing for apply ({@code readOnly} false) or for dry runs and diffs. */
  public static TreeSealing sealing(boolean readOnly) {
    return new CertificateSealing(readOnly, null, System.getenv());
  }
}
