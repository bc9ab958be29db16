package io.clusterfactory.cfctl.core.airgap;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.hydrate.ChartCache;
import io.clusterfactory.cfctl.core.hydrate.ChartRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An air-gap bundle {@code apply --bundle} reads, checked before anything is touched: its manifest
 * is cfctl's, of this cluster and this k0s version, and every file it lists has its size and sha256
 * (an image archive in {@code images/} it does not list is refused too). Every problem is {@link
 * InvalidInputException} (exit 2).
 */
public final class OpenedBundle {
  private final Path dir;
  private final AirgapBundle manifest;

  private OpenedBundle(Path dir, AirgapBundle manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  /**
   * One image archive of {@code images/}, uploaded to each host's {@code <dataDir>/images/}.
   *
   * @param name the file name, kept on the host
   */
  public record ImageArchive(Path file, String name, long size, String sha256) {}

  public static OpenedBundle open(Path dir, LoadedConfig config) {
    Path file = dir.resolve(AirgapBundle.MANIFEST);
    String hint = "make it again with `cfctl airgap bundle " + config.source() + " -o " + dir + "`";
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(dir + " is no air-gap bundle: it has no manifest.json", hint);
    }
    AirgapBundle m;
    try {
      m = AirgapBundle.read(file);
    } catch (IOException e) {
      throw new InvalidInputException(file + " does not read as a bundle manifest: " + e, hint);
    }
    List<String> problems = new ArrayList<>();
    if (!AirgapBundle.FORMAT.equals(m.format())) {
      problems.add("format is " + m.format() + ", not " + AirgapBundle.FORMAT);
    }
    String cluster = config.cluster().metadata().name();
    if (!cluster.equals(m.cluster())) {
      problems.add("it is the bundle of cluster " + m.cluster() + ", not of " + cluster);
    }
    var k0s = config.cluster().spec().k0s();
    String version = k0s == null ? null : k0s.version();
    if (version == null || !version.equals(m.k0sVersion())) {
      problems.add(
          "it holds k0s "
              + m.k0sVersion()
              + ", spec.k0s.version is "
              + (version == null ? "not set" : version));
    }
    if (m.files() == null) {
      problems.add("it lists no files (written with --lists-only)");
    } else {
      Set<String> listed = new TreeSet<>();
      for (AirgapBundle.BundleFile f : m.files()) {
        listed.add(f.path());
        Path p = dir.resolve(f.path()).normalize();
        if (Path.of(f.path()).isAbsolute() || !p.startsWith(dir.normalize())) {
          problems.add(f.path() + ": not a path inside the bundle");
        } else if (!Files.isRegularFile(p)) {
          problems.add(f.path() + ": missing");
        } else {
          try {
            if (Files.size(p) != f.size() || !BundleCollector.sha256(p).equals(f.sha256())) {
              problems.add(
                  f.path() + ": its sha256 is not the manifest's " + f.sha256() + " (changed)");
            }
          } catch (IOException e) {
            problems.add(f.path() + ": unreadable: " + e.getMessage());
          }
        }
      }
      for (Path p : imageFiles(dir)) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!listed.contains(rel)) {
          problems.add(rel + ": not listed in manifest.json (run `cfctl airgap bundle` again)");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          "the air-gap bundle " + dir + " is refused:\n  " + String.join("\n  ", problems), hint);
    }
    return new OpenedBundle(dir, m);
  }

  public Path dir() {
    return dir;
  }

  public AirgapBundle manifest() {
    return manifest;
  }

  /** The bundle's k0s binary for {@code arch}, when it has one. */
  public Optional<Path> k0sBinary(String arch) {
    String rel = BundleCollector.k0sBinary(manifest.k0sVersion(), arch);
    return manifest.files().stream()
        .filter(f -> f.path().equals(rel))
        .findFirst()
        .map(f -> dir.resolve(f.path()));
  }

  /** The image archives of {@code images/} ({@code *.tar}), by name. */
  public List<ImageArchive> imageArchives() {
    List<ImageArchive> out = new ArrayList<>();
    for (AirgapBundle.BundleFile f : manifest.files()) {
      if (f.path().startsWith(BundleCollector.IMAGES + "/") && f.path().endsWith(".tar")) {
        String name = f.path().substring(f.path().lastIndexOf('/') + 1);
        out.add(new ImageArchive(dir.resolve(f.path()), name, f.size(), f.sha256()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Stores each chart archive of the bundle in {@code cache} under the repository the site's tree
   * reads it from (the chart mirror, else upstream), so a hydrator over that cache finds every
   * chart without asking a repository. Returns the number of charts stored.
   */
  public int seed(ChartCache cache) {
    Map<String, byte[]> read = new TreeMap<>();
    int n = 0;
    for (AirgapBundle.Chart c : manifest.charts()) {
      if (c.file() == null) {
        continue;
      }
      try {
        byte[] bytes = read.containsKey(c.file()) ? read.get(c.file()) : readFile(c.file());
        read.put(c.file(), bytes);
        cache.store(new ChartRef(c.source(), c.siteRepository(), c.chart(), c.version()), bytes);
        n++;
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + dir.resolve(c.file()), e);
      }
    }
    return n;
  }

  private byte[] readFile(String rel) throws IOException {
    return Files.readAllBytes(dir.resolve(rel));
  }

  private static List<Path> imageFiles(Path dir) {
    Path images = dir.resolve(BundleCollector.IMAGES);
    if (!Files.isDirectory(images)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(images)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + images, e);
    }
  }
}
