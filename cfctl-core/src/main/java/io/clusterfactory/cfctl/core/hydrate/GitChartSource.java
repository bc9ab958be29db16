package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.gitops.GitFolderReader;
import io.clusterfactory.cfctl.core.gitops.TreeSnapshot;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator.HydrationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chart in a Git repository (an Application source with {@code repoURL}, {@code path}, {@code
 * targetRevision} and a {@code helm} block): the folder read at the resolved commit, its missing
 * dependencies built as Argo CD does ({@code helm dependency build}; {@code file://} dependencies
 * read from the same commit), packaged by Helm (so {@code .helmignore} applies) and written again
 * canonically, so its digest depends on the chart's content only. Cached by (repository, path,
 * commit): a branch that moved is a new commit, read and packaged again.
 */
final class GitChartSource implements ChartSource {
  private static final Logger LOG = LoggerFactory.getLogger(GitChartSource.class);
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ExecutorService HELM =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "helm-package");
            thread.setDaemon(true);
            return thread;
          });

  private final GitFolderReader reader;
  private final ChartCache cache;

  GitChartSource(GitFolderReader reader, ChartCache cache) {
    this.reader = reader;
    this.cache = cache;
  }

  @Override
  public FetchedChart fetch(ChartRef ref, Instant deadline) {
    if (ref.repository().startsWith("oci://")) {
      throw new HydrationException(
          // a kind of source, not a fault: apply goes on with a note, as for any unsupported kind
          "OCI artifact "
              + Unhydrated.NOT_SUPPORTED
              + " (an oci:// repoURL with a path): name the chart with `chart` and its version"
              + " with `targetRevision`");
    }
    try {
      String folder = GitFolderReader.clean(ref.chart());
      TreeSnapshot chart = reader.read(ref.repository(), ref.version(), folder, deadline);
      String commit = chart.commitId();
      Function<String, Optional<byte[]>> besideChart =
          file ->
              reader.file(
                  ref.repository(),
                  commit,
                  GitFolderReader.clean(folder.isEmpty() ? file : folder + "/" + file));
      ChartRef key = new ChartRef(ChartRef.Kind.GIT, ref.repository(), folder, commit);
      Optional<Path> cached = cache.lookup(key);
      if (cached.isPresent()) {
        return new FetchedChart(cached.get(), commit, besideChart);
      }
      String at = " in " + ref.repository() + " at " + ref.version() + " (commit " + commit + ")";
      if (chart.files().isEmpty()) {
        throw new HydrationException("path " + ref.chart() + " does not exist" + at);
      }
      if (!chart.files().containsKey("Chart.yaml")) {
        throw new HydrationException(
            "path " + ref.chart() + " is not a Helm chart (no Chart.yaml)" + at);
      }
      byte[] archive = pack(ref, folder, chart, deadline, at);
      LOG.info("packaged chart {} at {}", ref.label(), commit);
      return new FetchedChart(cache.store(key, archive), commit, besideChart);
    } catch (CfctlException e) {
      throw new HydrationException(e.getMessage());
    }
  }

  /** The chart folder (and its {@code file://} dependencies) on disk, packaged by Helm. */
  private byte[] pack(
      ChartRef ref, String folder, TreeSnapshot chart, Instant deadline, String at) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("cfctl-git-chart-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path repoRoot = tmp.resolve("repo");
      Path dir = folder.isEmpty() ? repoRoot : repoRoot.resolve(folder);
      write(dir, chart.files());
      List<String> missing = unvendored(chart.files());
      if (!missing.isEmpty()) {
        for (String local : localDependencies(chart.files())) {
          String other = GitFolderReader.clean(folder.isEmpty() ? local : folder + "/" + local);
          TreeSnapshot dep = reader.read(ref.repository(), chart.commitId(), other, deadline);
          if (dep.files().isEmpty()) {
            throw new HydrationException(
                "chart "
                    + ref.chart()
                    + ": its dependency file://"
                    + local
                    + " does not exist"
                    + at);
          }
          write(other.isEmpty() ? repoRoot : repoRoot.resolve(other), dep.files());
        }
        bounded(
            () -> new Helm(dir).dependency().build().call(),
            deadline,
            "chart "
                + ref.chart()
                + at
                + ": its dependencies "
                + missing
                + " are not vendored under charts/ and `helm dependency build` failed");
        if (!chart.files().containsKey("Chart.lock")) {
          // Helm's generated lock holds the time it was generated: not part of the chart
          Files.deleteIfExists(dir.resolve("Chart.lock"));
        }
      }
      Path out = tmp.resolve("out");
      Files.createDirectories(out);
      bounded(
          () -> new Helm(dir).packageIt().withDestination(out).call(),
          deadline,
          "chart " + ref.chart() + at + ": helm package failed");
      Path tgz;
      try (Stream<Path> s = Files.list(out)) {
        tgz = s.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow();
      }
      try (InputStream in = Files.newInputStream(tgz)) {
        return canonical(in);
      }
    } catch (IOException e) {
      throw new HydrationException("packaging chart " + ref.chart() + at + ": " + e.getMessage());
    } finally {
      delete(tmp);
    }
  }

  /**
   * The archive written again with fixed headers, its files sorted, and so are the archives of its
   * subcharts under {@code charts/} (Helm stamps each with the time it packaged it).
   */
  static byte[] canonical(InputStream tgz) throws IOException {
    Map<String, byte[]> files = new TreeMap<>(CanonicalArchive.read(tgz));
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (f.getKey().matches("(.+/)?charts/[^/]+\\.tgz")) {
        f.setValue(canonical(new java.io.ByteArrayInputStream(f.getValue())));
      }
    }
    return CanonicalArchive.write(files);
  }

  /** Dependencies of Chart.yaml that no folder or archive under charts/ provides. */
  static List<String> unvendored(Map<String, byte[]> files) throws IOException {
    List<String> missing = new ArrayList<>();
    for (JsonNode dep : YAML.readTree(files.get("Chart.yaml")).path("dependencies")) {
      String name = dep.path("name").asText();
      boolean vendored =
          files.containsKey("charts/" + name + "/Chart.yaml")
              || files.keySet().stream()
                  .anyMatch(
                      p ->
                          p.matches(
                              "charts/" + java.util.regex.Pattern.quote(name) + "-[^/]*\\.tgz"));
      if (!vendored) {
        missing.add(name);
      }
    }
    return missing;
  }

  /** The folders, relative to the chart's, of its {@code repository: file://...} dependencies. */
  private static List<String> localDependencies(Map<String, byte[]> files) throws IOException {
    List<String> local = new ArrayList<>();
    for (JsonNode dep : YAML.readTree(files.get("Chart.yaml")).path("dependencies")) {
      String repository = dep.path("repository").asText("");
      if (repository.startsWith("file://")) {
        local.add(repository.substring("file://".length()));
      }
    }
    return local;
  }

  private static void write(Path dir, Map<String, byte[]> files) throws IOException {
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey()).normalize();
      if (!p.startsWith(dir)) {
        throw new HydrationException("chart file " + f.getKey() + " leaves its folder");
      }
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
  }

  /** A Helm call ended by the deadline (the native call is abandoned, not interrupted). */
  private static void bounded(Callable<?> call, Instant deadline, String failure) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new HydrationException(failure + ": the run's deadline passed");
    }
    Future<?> running = HELM.submit(call);
    try {
      running.get(left.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      throw new HydrationException(failure + ": the run's deadline passed");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new HydrationException(
          failure + ": " + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HydrationException(failure + ": interrupted");
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("cannot remove {}: {}", dir, e.toString());
    }
  }
}
