package io.clusterfactory.cfctl.core.hydrate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Fetches one kind of chart source (an OCI registry, a Git repository) into the chart cache, as an
 * archive Helm can template (docs/helm.md, "Chart sources"). Every failure is a {@link
 * HelmHydrator.HydrationException} whose message is the chart's reason for not being hydrated.
 */
interface ChartSource {

  /**
   * The chart's archive in the cache, pulled when the cache does not have it.
   *
   * @param deadline the run's deadline: every request ends by it
   */
  FetchedChart fetch(ChartRef ref, Instant deadline);

  /**
   * A chart ready to template.
   *
   * @param archive the {@code .tgz} in the cache, its file name its digest
   * @param commit the resolved commit of a Git chart, else null
   * @param besideChart a value file given relative to the chart's folder (Git charts: a file of the
   *     same repository at the same commit), empty when there is no such file; null for charts
   *     pulled as archives, whose value files are the tree's {@code $values/}
   */
  record FetchedChart(Path archive, String commit, Function<String, Optional<byte[]>> besideChart) {

    static FetchedChart archive(Path archive) {
      return new FetchedChart(archive, null, null);
    }
  }
}
