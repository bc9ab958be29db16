package io.clusterfactory.cfctl.k0s.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sha256 of local files, remembered across runs in {@code $XDG_CACHE_HOME/cfctl} (else {@code
 * ~/.cache/cfctl}) by each file's {@link FileIdentity}. A cached digest is used only when every
 * field of the identity is the same as when the file was hashed; anything else hashes again. The
 * cache is an optimisation and never an input: a cache file that cannot be read, does not parse, or
 * could have been written by another user is ignored (and replaced at the next store), and a cache
 * that cannot be written is skipped.
 */
public final class LocalDigests {
  private static final Logger logger = LoggerFactory.getLogger(LocalDigests.class);
  static final String FILE_NAME = "local-digests.json";
  static final int FORMAT = 1;
  static final int MAX_ENTRIES = 32;

  /**
   * A file changed within this long after its last mtime/ctime may change again without either
   * moving (timestamps advance by clock ticks, whole seconds on some filesystems): such a file is
   * hashed but not cached, as Git treats "racily clean" index entries.
   */
  static final Duration RACY_WINDOW = Duration.ofSeconds(2);

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path cacheFile;
  private final Hasher hasher;
  private final Clock clock;

  LocalDigests(Path cacheFile, Hasher hasher, Clock clock) {
    this.cacheFile = cacheFile;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** The user's cache, hashing with the JDK. */
  public static LocalDigests standard() {
    return new LocalDigests(
        cacheDir(System.getenv(), System.getProperty("user.home")).resolve(FILE_NAME),
        new Sha256(),
        Clock.systemUTC());
  }

  /** XDG base directories: {@code $XDG_CACHE_HOME} when set and absolute, else ~/.cache. */
  static Path cacheDir(Map<String, String> env, String home) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(home, ".cache");
    return base.resolve("cfctl");
  }

  /** The file's digest: from the cache when its identity is unchanged, else read and hashed. */
  public FileDigest digest(Path file) throws IOException {
    Optional<FileIdentity> before = FileIdentity.of(file);
    if (before.isPresent()) {
      for (Entry e : load()) {
        if (e.file().equals(before.get())) {
          return new FileDigest(file, e.sha256(), before.get().size());
        }
      }
    }
    long started = clock.millis();
    FileDigest computed = hasher.digest(file);
    if (before.isPresent()
        && computed.size() == before.get().size()
        && !racy(before.get(), started)
        && before.equals(FileIdentity.of(file))) {
      store(new Entry(before.get(), computed.sha256()));
    }
    return computed;
  }

  /** Whether the file was changed less than RACY_WINDOW before it was read. */
  private static boolean racy(FileIdentity id, long readAtMillis) {
    long changed = Math.max(id.mtimeNanos(), id.ctimeNanos());
    return readAtMillis * 1_000_000L - changed < RACY_WINDOW.toNanos();
  }

  /** The cached entries, or none when the file is missing, unsafe or not what this class wrote. */
  private List<Entry> load() {
    try {
      if (!Files.isRegularFile(cacheFile, LinkOption.NOFOLLOW_LINKS) || !ownedAndPrivate()) {
        return List.of();
      }
      CacheFile read = JSON.readValue(cacheFile.toFile(), CacheFile.class);
      if (read.format() != FORMAT || read.entries() == null) {
        return List.of();
      }
      for (Entry e : read.entries()) {
        if (e == null
            || e.file() == null
            || e.file().path() == null
            || e.sha256() == null
            || !SHA256.matcher(e.sha256()).matches()) {
          return List.of();
        }
      }
      return read.entries();
    } catch (IOException | RuntimeException e) {
      logger.debug("ignoring the digest cache {}: {}", cacheFile, e.toString());
      return List.of();
    }
  }

  /** Only a file of this user that nobody else may write is read. */
  private boolean ownedAndPrivate() throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return true;
    }
    PosixFileAttributes a =
        Files.readAttributes(cacheFile, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    var me =
        cacheFile
            .getFileSystem()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName(System.getProperty("user.name"));
    return a.owner().equals(me)
        && !a.permissions().contains(PosixFilePermission.GROUP_WRITE)
        && !a.permissions().contains(PosixFilePermission.OTHERS_WRITE);
  }

  /** Adds the entry (newest first, one per path, at most MAX_ENTRIES), written atomically. */
  private void store(Entry entry) {
    List<Entry> entries = new ArrayList<>();
    entries.add(entry);
    for (Entry e : load()) {
      if (entries.size() < MAX_ENTRIES && !e.file().path().equals(entry.file().path())) {
        entries.add(e);
      }
    }
    Path tmp = null;
    try {
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      Path dir = cacheFile.getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            posix
                ? new FileAttribute<?>[] {
                  PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                }
                : new FileAttribute<?>[0]);
      }
      tmp =
          posix
              ? Files.createTempFile(
                  dir, ".digests-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
              : Files.createTempFile(dir, ".digests-", ".tmp");
      JSON.writeValue(tmp.toFile(), new CacheFile(FORMAT, entries));
      // readers see the old file or the new one, never half of one
      Files.move(
          tmp, cacheFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      logger.debug("not caching the digest of {}: {}", entry.file().path(), e.toString());
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temp file has a name no one else uses; a leftover is harmless
        }
      }
    }
  }

  /** The cache file's JSON: a format number and the entries, newest first. */
  record CacheFile(int format, List<Entry> entries) {}

  /** One cached digest and the identity the file had when it was hashed. */
  record Entry(FileIdentity file, String sha256) {}
}
