package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.core.apply.CertificateSealing;
import io.clusterfactory.cfctl.core.apply.HostsStage;
import io.clusterfactory.cfctl.core.apply.TreeSealing;
import io.clusterfactory.cfctl.k0s.K0sHostsStage;

/** Where the CLI picks the implementations the core actions are wired with. */
public final class HostsStages {
  private HostsStages() {}

  public static HostsStage create() {
    return new K0sHostsStage();
  }

  /** Sealing for apply ({@code readOnly} false) or for dry runs and diffs. */
  public static TreeSealing sealing(boolean readOnly) {
    return new CertificateSealing(readOnly, null, System.getenv());
  }
}
