package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.core.apply.CertificateSealing;
import io.clusterfactory.cfctl.core.apply.TreeSealing;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.hydrate.ChartCache;
import io.clusterfactory.cfctl.core.hydrate.ChartLock;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator;
import io.clusterfactory.cfctl.core.hydrate.Hydrator;
import io.clusterfactory.cfctl.k0s.K0sHostPhases;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the CLI picks what core's pipelines are wired with: the host phases of cfctl-k0s (core
 * cannot depend on it), the sealing step and the Helm hydrator.
 */
public final class HostsStages {
  private HostsStages() {}

  public static K0sHostPhases hostPhases() {
    return new K0sHostPhases();
  }

  /**
   * The run's Helm hydrator (docs/helm.md): charts pulled into the chart cache, checked against
   * their digest in cfctl's lock and the site's {@code charts.lock.yaml} beside cluster.yaml (read
   * here: a malformed one is exit 2 before the run starts), rendered in-process. Making it loads
   * nothing of Helm: the native library loads at the first chart rendered.
   */
  public static Hydrator hydrator(LoadedConfig loaded, Duration timeout) {
    return helmHydrator(loaded, timeout, false);
  }

  /**
   * The hydrator of {@code render --hydrate}; with {@code updatesLock} a digest that differs from
   * the lock becomes the new pin instead of a refusal.
   */
  public static HelmHydrator helmHydrator(
      LoadedConfig loaded, Duration timeout, boolean updatesLock) {
    return new HelmHydrator(
        ChartCache.standard(),
        ChartLock.effective(loaded.baseDir()).digests(),
        Instant.now().plus(timeout),
        updatesLock);
  }

  /** Sealing for apply ({@code readOnly} false) or for dry runs and diffs. */
  public static TreeSealing sealing(boolean readOnly) {
    return new CertificateSealing(readOnly, null, System.getenv());
  }
}
