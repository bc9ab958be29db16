package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.InvalidConfigException;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The digest each Helm chart archive must have (docs/helm.md, "Lock"): cfctl's own lock shipped as
 * {@value #RESOURCE}, and the site's {@value #FILE} beside cluster.yaml, whose entries win. A chart
 * is one entry by repository, chart and version; entries are kept sorted so a written lock is
 * byte-stable.
 *
 * @param charts one entry per chart, sorted by repository, chart, version
 */
public record ChartLock(List<Entry> charts) {

  /** The site lock's file name, in the folder of cluster.yaml. */
  public static final String FILE = "charts.lock.yaml";

  /** cfctl's lock on the classpath, next to manifests/versions.yaml. */
  public static final String RESOURCE = "manifests/charts.lock.yaml";

  public static final String API_VERSION = "cfctl.clusterfactory.io/v1beta1";
  public static final String KIND = "ChartLock";

  // before EMPTY: the constructor sorts with it
  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::repository)
          .thenComparing(Entry::chart)
          .thenComparing(Entry::version);

  public static final ChartLock EMPTY = new ChartLock(List.of());

  /** What a site lock written by cfctl starts with: why it is there and what to do with it. */
  static final String SITE_HEADER =
      "# The sha256 digest of every Helm chart archive this cluster's tree uses, written by\n"
          + "# `cfctl render --hydrate --update-lock` (docs/helm.md). Commit it: hydration"
          + " refuses a chart\n"
          + "# whose archive is not the one pinned here (a moved tag, a tampered mirror). Its"
          + " entries win over\n"
          + "# the digests cfctl ships (manifests/charts.lock.yaml).\n";

  private static ChartLock shipped;

  public ChartLock {
    charts = charts.stream().sorted(ORDER).toList();
  }

  /**
   * One chart's pinned archive.
   *
   * @param repository the Helm repository URL, as the Application's {@code repoURL}
   * @param chart the chart's name in that repository
   * @param version the chart version exactly as published
   * @param digest {@code sha256:<hex>} of the chart archive (of a Git chart: of the archive cfctl
   *     packages from the chart's folder, docs/helm.md)
   * @param commit a Git chart's resolved commit when the lock was written, else null: a record of
   *     where the pinned content was read, not checked (the digest is)
   */
  public record Entry(
      String repository, String chart, String version, String digest, String commit) {

    /** An HTTP or OCI chart's entry (no commit). */
    public Entry(String repository, String chart, String version, String digest) {
      this(repository, chart, version, digest, null);
    }

    /** The key the hydrator looks the digest up by ({@link ChartRef#label()}). */
    public String label() {
      return repository + " " + chart + " " + version;
    }
  }

  /** Expected digest by {@link ChartRef#label()}: what {@link HelmHydrator} checks against. */
  public Map<String, String> digests() {
    Map<String, String> out = new TreeMap<>();
    charts.forEach(e -> out.put(e.label(), e.digest()));
    return out;
  }

  /** This lock with {@code site}'s entries added, a site entry replacing one of the same chart. */
  public ChartLock overriddenBy(ChartLock site) {
    Map<String, Entry> byLabel = new TreeMap<>();
    charts.forEach(e -> byLabel.put(e.label(), e));
    site.charts.forEach(e -> byLabel.put(e.label(), e));
    return new ChartLock(new ArrayList<>(byLabel.values()));
  }

  /**
   * The site lock after {@code --update-lock}: every chart pulled with the digest it has now, and
   * the entry this lock had for each chart of {@code stillPinned} that was not pulled (it could not
   * be, so its pin stays; a digest is never guessed). Charts the tree no longer uses are dropped.
   *
   * @param stillPinned labels of the tree's charts that were not pulled this run
   */
  public ChartLock updated(List<Entry> pulled, Set<String> stillPinned) {
    Map<String, Entry> byLabel = new TreeMap<>();
    charts.stream()
        .filter(e -> stillPinned.contains(e.label()))
        .forEach(e -> byLabel.put(e.label(), e));
    pulled.forEach(e -> byLabel.put(e.label(), e));
    return new ChartLock(new ArrayList<>(byLabel.values()));
  }

  /** The lock cfctl ships; a malformed one is a bug of cfctl. */
  public static synchronized ChartLock shipped() {
    if (shipped == null) {
      try (InputStream in = ChartLock.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new InternalException("missing resource " + RESOURCE, null);
        }
        shipped =
            ChartLockReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
      } catch (IOException e) {
        throw new InternalException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
      } catch (InvalidConfigException e) {
        throw new InternalException(e.getMessage(), e);
      }
    }
    return shipped;
  }

  /** Where the site lock of a cluster.yaml in {@code baseDir} is. */
  public static Path sitePath(Path baseDir) {
    return baseDir.resolve(FILE);
  }

  /**
   * The site lock beside cluster.yaml, or {@link #EMPTY} when there is none; a malformed one is
   * {@link InvalidConfigException} (exit 2) with file:line:col.
   */
  public static ChartLock site(Path baseDir) {
    Path file = sitePath(baseDir);
    if (!Files.isRegularFile(file)) {
      return EMPTY;
    }
    try {
      return ChartLockReader.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new OperationFailedException(
          "cannot read " + file + ": " + e.getMessage(), "check the file is readable", e);
    }
  }

  /** The lock a run checks charts against: cfctl's, then the site's on top. */
  public static ChartLock effective(Path baseDir) {
    return shipped().overriddenBy(site(baseDir));
  }

  /** The file's text: a header comment, then the entries in order, through cfctl's YAML writer. */
  public String write(String header) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode().put("apiVersion", API_VERSION).put("kind", KIND);
    ArrayNode list = root.putArray("charts");
    for (Entry e : charts) {
      // written in reading order (the chart, then its digest), not sorted by key
      ObjectNode entry =
          list.addObject()
              .put("repository", e.repository())
              .put("chart", e.chart())
              .put("version", e.version());
      if (e.commit() != null) {
        entry.put("commit", e.commit());
      }
      entry.put("digest", e.digest());
    }
    try {
      return header + CanonicalYaml.TREE.mapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new InternalException("cannot write the chart lock: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Writes this lock as the site lock beside cluster.yaml (a temp file renamed into place; an
   * unchanged file is left as it is). Returns the file.
   */
  public Path writeSite(Path baseDir) {
    Path file = sitePath(baseDir);
    byte[] bytes = write(SITE_HEADER).getBytes(StandardCharsets.UTF_8);
    try {
      if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
        return file;
      }
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".charts.lock-", ".part");
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return file;
    } catch (IOException e) {
      throw new OperationFailedException(
          "cannot write " + file + ": " + e.getMessage(), "check the folder is writable", e);
    }
  }
}
