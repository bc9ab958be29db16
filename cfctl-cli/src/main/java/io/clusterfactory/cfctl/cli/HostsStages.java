package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.core.airgap.OpenedBundle;
import io.clusterfactory.cfctl.core.apply.CertificateSealing;
import io.clusterfactory.cfctl.core.apply.TreeSealing;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.hydrate.ChartCache;
import io.clusterfactory.cfctl.core.hydrate.ChartLock;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator;
import io.clusterfactory.cfctl.core.hydrate.Hydrator;
import io.clusterfactory.cfctl.k0s.K0sHostPhases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /**
   * The hydrator of {@code --bundle}: the bundle's charts seed a chart cache of this run (under the
   * repository the tree reads each from), and no chart repository is asked; the lock check is the
   * same.
   */
  public static Hydrator bundleHydrator(
      LoadedConfig loaded, Duration timeout, OpenedBundle bundle) {
    Path folder;
    try {
      folder = Files.createTempDirectory("cfctl-bundle-charts-");
    } catch (IOException e) {
      throw new UncheckedIOException("creating a temporary chart cache", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder)));
    ChartCache cache = new ChartCache(folder);
    bundle.seed(cache);
    return new HelmHydrator(
            cache, ChartLock.effective(loaded.baseDir()).digests(), Instant.now().plus(timeout))
        .offline(
            "apply --bundle reads charts from the bundle alone, and "
                + bundle.dir()
                + " does not hold this one");
  }

  private static void deleteQuietly(Path folder) {
    try (var s = Files.walk(folder)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder; the OS cleans it
    }
  }

  /** Sealing for apply ({@code readOnly} false) or for dry runs and diffs. */
  public static TreeSealing sealing(boolean readOnly) {
    return new CertificateSealing(readOnly, null, System.getenv());
  }
}
