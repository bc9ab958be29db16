package io.clusterfactory.cfctl.k0s.model;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A k0s release binary fetched to this machine (the air-gap bundle), from the URL pattern hosts
 * download it from and checked as a host checks it: against the sha256 the release's {@value
 * #CHECKSUMS_FILE} beside it lists. A mirror without that list (a custom k0sDownloadURL) is taken
 * on its word, with a warning: the bundle's manifest still records the sha256 apply checks.
 */
public final class K0sBinaryDownload {
  private static final Logger LOG = LoggerFactory.getLogger(K0sBinaryDownload.class);

  /** k0s's release assets: %v version, %p arch, %x extension (none on Linux). */
  public static final String DEFAULT_URL =
      "https://github.com/k0sproject/k0s/releases/download/%v/k0s-%v-%p%x";

  /** The checksum list every k0s release publishes beside its assets. */
  public static final String CHECKSUMS_FILE = "sha256sums.txt";

  private static final Duration CONNECT = Duration.ofSeconds(10);

  /** The longest one read of an answer may wait for bytes. */
  private static final Duration READ = Duration.ofSeconds(60);

  private K0sBinaryDownload() {}

  /** {@code template} (a k0sDownloadURL, or {@link #DEFAULT_URL} when null) for one binary. */
  public static String url(String template, String version, String arch) {
    String t = template == null ? DEFAULT_URL : template;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '%' && i + 1 < t.length()) {
        char k = t.charAt(++i);
        switch (k) {
          case 'v' -> out.append(version);
          case 'p' -> out.append(arch);
          case 'x' -> out.append("");
          case '%' -> out.append('%');
          default -> out.append('%').append(k);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Puts the binary of {@code version} for {@code arch} at {@code target} (a temp file renamed into
   * place), unless {@code target} already has the sha256 the release lists. Every request ends by
   * {@code deadline}.
   *
   * @return the binary's sha256 (lowercase hex)
   */
  public static String fetch(
      String template, String version, String arch, Path target, Instant deadline) {
    return fetch(
        URI.create(url(template, version, arch)),
        "k0s " + version + " (" + arch + ")",
        target,
        deadline);
  }

  /**
   * The release's image bundle for {@code arch}: every image of k0s's default image configuration
   * as an OCI archive, the asset {@code k0s-airgap-bundle-<version>-<arch>} beside the binary (also
   * on a mirror that copies the release's folder), checked against the same {@value
   * #CHECKSUMS_FILE}, which lists every asset of the release.
   *
   * @return the bundle's sha256 (lowercase hex)
   */
  public static String fetchImageBundle(
      String template, String version, String arch, Path target, Instant deadline) {
    URI binary = URI.create(url(template, version, arch));
    return fetch(
        binary.resolve(imageBundleAsset(version, arch)),
        "k0s " + version + "'s image bundle (" + arch + ")",
        target,
        deadline);
  }

  /** The name of a release's image bundle asset. */
  public static String imageBundleAsset(String version, String arch) {
    return "k0s-airgap-bundle-" + version + "-" + arch;
  }

  private static String fetch(URI binary, String what, Path target, Instant deadline) {
    String path = binary.getPath();
    String asset = path.substring(path.lastIndexOf('/') + 1);
    URI sums = binary.resolve(CHECKSUMS_FILE);
    Optional<String> listed = listed(get(sums, deadline, true), asset);
    if (listed.isPresent() && Files.isRegularFile(target) && listed.get().equals(sha256(target))) {
      return listed.get();
    }
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".k0s-", ".part");
      try {
        try (InputStream in = get(binary, deadline, false)) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        String got = sha256(tmp);
        if (listed.isPresent() && !listed.get().equals(got)) {
          throw new OperationFailedException(
              "checksum mismatch: "
                  + asset
                  + " from "
                  + binary
                  + " has sha256 "
                  + got
                  + ", "
                  + sums
                  + " lists "
                  + listed.get(),
              "the download was corrupted or the mirror serves another binary; try again",
              null);
        }
        if (listed.isEmpty()) {
          LOG.warn("{} lists no sha256 for {}: taken as downloaded ({})", sums, asset, got);
        }
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return got;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new OperationFailedException(
          "downloading " + what + " from " + binary + ": " + e.getMessage(),
          "check the URL and the folder are reachable",
          e);
    }
  }

  /** The sha256 {@code sums} ({@code sha256sum -b} lines) lists for {@code asset}. */
  static Optional<String> listed(InputStream sums, String asset) {
    if (sums == null) {
      return Optional.empty();
    }
    try (InputStream in = sums) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.trim().split("\\s+", 2);
        if (f.length == 2 && f[1].replaceFirst("^\\*", "").equals(asset)) {
          return Optional.of(f[0].toLowerCase(java.util.Locale.ROOT));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      // a list that cannot be read is no reason to take a binary unchecked
      throw new OperationFailedException(
          "reading the release's " + CHECKSUMS_FILE + ": " + e.getMessage(),
          "check the URL and the folder are reachable, then run again",
          e);
    }
  }

  /**
   * GET; a missing {@code optional} file (any answer but 200) is null. Every read of the answer is
   * bounded: a socket read timeout (the time left, at most {@link #READ}) and the deadline checked
   * between reads, so a server that stops in the middle of a binary or an image bundle cannot hold
   * the run (the HTTP client's request timeout ends at the headers).
   */
  private static InputStream get(URI uri, Instant deadline, boolean optional) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new OperationFailedException(
          "the run's deadline passed before " + uri + " was asked",
          "give a longer --timeout",
          null);
    }
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setInstanceFollowRedirects(true);
      c.setConnectTimeout(
          (int) Math.max(1, (left.compareTo(CONNECT) < 0 ? left : CONNECT).toMillis()));
      c.setReadTimeout((int) Math.max(1, (left.compareTo(READ) < 0 ? left : READ).toMillis()));
      int status = c.getResponseCode();
      if (status != 200) {
        c.disconnect();
        if (optional) {
          return null;
        }
        throw new OperationFailedException(
            uri + " answered HTTP " + status,
            "check spec.k0s.version and hosts[].k0sDownloadURL",
            null);
      }
      return new FilterInputStream(c.getInputStream()) {
        @Override
        public int read() throws IOException {
          checkDeadline();
          return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          checkDeadline();
          return super.read(b, off, len);
        }

        private void checkDeadline() throws IOException {
          if (Instant.now().isAfter(deadline)) {
            throw new IOException("the run's deadline passed while reading " + uri);
          }
        }
      };
    } catch (IOException e) {
      throw new UnreachableException(
          uri.toString(),
          "cannot reach " + uri + ": " + e.getMessage(),
          "check the network, or point hosts[].k0sDownloadURL at a mirror",
          e);
    }
  }

  /** Lowercase hex sha256 of a local file. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new OperationFailedException("reading " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
