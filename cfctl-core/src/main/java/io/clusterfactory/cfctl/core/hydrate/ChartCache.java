package io.clusterfactory.cfctl.core.hydrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Chart archives by content digest: {@code sha256/<hex>.tgz}, plus an index from (repository,
 * chart, version) to digest in {@code index/<sha256 of the label>}. A cached archive is re-verified
 * against its digest when read; every write is a temp file renamed into place.
 */
public final class ChartCache {

  /** Environment override of the cache folder (tests, CI). */
  public static final String ENV = "CFCTL_CHART_CACHE";

  private final Path root;

  public ChartCache(Path root) {
    this.root = root;
  }

  /** {@code $CFCTL_CHART_CACHE}, else {@code $XDG_CACHE_HOME/cfctl/charts}, else ~/.cache. */
  public static ChartCache standard() {
    String override = System.getenv(ENV);
    if (override != null && !override.isBlank()) {
      return new ChartCache(Path.of(override));
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return new ChartCache(base.resolve("cfctl").resolve("charts"));
  }

  public Path root() {
    return root;
  }

  /** The cached archive of {@code ref}, verified against its digest, or empty. */
  public Optional<Path> lookup(ChartRef ref) {
    Path idx = indexFile(ref);
    if (!Files.isRegularFile(idx)) {
      return Optional.empty();
    }
    try {
      String digest = Files.readString(idx, StandardCharsets.UTF_8).trim();
      Path archive = archive(digest);
      if (!Files.isRegularFile(archive) || !digest.equals(digest(Files.readAllBytes(archive)))) {
        return Optional.empty(); // missing or corrupt: pulled again
      }
      return Optional.of(archive);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores {@code bytes} as the archive of {@code ref}; returns its path. */
  public Path store(ChartRef ref, byte[] bytes) {
    String digest = digest(bytes);
    Path archive = archive(digest);
    try {
      if (!Files.isRegularFile(archive) || !digest.equals(digest(Files.readAllBytes(archive)))) {
        atomicWrite(archive, bytes);
      }
      atomicWrite(indexFile(ref), (digest + "\n").getBytes(StandardCharsets.UTF_8));
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart cache " + root, e);
    }
  }

  Path archive(String digest) {
    return root.resolve("sha256").resolve(digest.substring("sha256:".length()) + ".tgz");
  }

  private Path indexFile(ChartRef ref) {
    return root.resolve("index")
        .resolve(digest(ref.label().getBytes(StandardCharsets.UTF_8)).substring(7));
  }

  private static void atomicWrite(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** {@code sha256:<hex>} of {@code bytes}. */
  /**
   * {@code sha256:<hex>} of a file, read in pieces (an image layer is larger than memory wants).
   */
  public static String digestOf(Path file) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
      return "sha256:" + java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String digest(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
