package io.clusterfactory.cfctl.k0s.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalDigestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path binary;
  private Path cache;
  private final AtomicInteger reads = new AtomicInteger();

  /** Counts the files it reads, so a test sees whether a digest came from the cache. */
  private final Hasher counting =
      file -> {
        reads.incrementAndGet();
        return new Sha256().digest(file);
      };

  /** A clock an hour ahead: the test's files are then old enough to be cached at once. */
  private final Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));

  @BeforeEach
  void binary() throws IOException {
    binary = dir.resolve("k0s");
    Files.writeString(binary, "#!/bin/sh\necho v1.31.2+k0s.0\n");
    cache = dir.resolve("cache/cfctl").resolve(LocalDigests.FILE_NAME);
  }

  private LocalDigests run() {
    return new LocalDigests(cache, counting, later);
  }

  private static String sha256(Path file) throws IOException {
    return new Sha256().digest(file).sha256();
  }

  @Test
  void aSecondRunReadsNoByteOfAnUnchangedFile() throws IOException {
    FileDigest first = run().digest(binary);
    FileDigest second = run().digest(binary);
    FileDigest third = run().digest(binary);

    assertEquals(1, reads.get(), "only the first run hashes");
    assertEquals(sha256(binary), second.sha256());
    assertEquals(first, third);
    assertEquals(Files.size(binary), second.size());
  }

  @Test
  void aNewMtimeHashesAgain() throws IOException {
    run().digest(binary);
    Files.setLastModifiedTime(binary, FileTime.from(Instant.now().minusSeconds(3600)));
    run().digest(binary);
    assertEquals(2, reads.get());
  }

  @Test
  void aNewSizeHashesAgainAndGivesTheNewDigest() throws IOException {
    String before = run().digest(binary).sha256();
    FileTime mtime = Files.getLastModifiedTime(binary);
    Files.writeString(binary, "# padding\n", StandardOpenOption.APPEND);
    Files.setLastModifiedTime(binary, mtime);

    FileDigest after = run().digest(binary);
    assertEquals(2, reads.get());
    assertNotEquals(before, after.sha256());
    assertEquals(sha256(binary), after.sha256());
  }

  @Test
  void aFileReplacedByRenameHashesAgain() throws IOException {
    run().digest(binary);
    Path next = dir.resolve("k0s.new");
    Files.writeString(next, "#!/bin/sh\necho v1.31.3+k0s.0\n"); // same size, new bytes
    Files.setLastModifiedTime(next, Files.getLastModifiedTime(binary));
    Files.move(next, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    FileDigest after = run().digest(binary);
    assertEquals(2, reads.get());
    assertEquals(sha256(binary), after.sha256());
  }

  /** Every field of the identity is part of the key: a cached entry differing in one is unused. */
  @ParameterizedTest
  @ValueSource(strings = {"path", "size", "mtimeNanos", "ctimeNanos", "device", "inode"})
  void anEntryThatDiffersInOneFieldIsNotUsed(String field) throws IOException {
    run().digest(binary);
    ObjectNode root = (ObjectNode) JSON.readTree(cache.toFile());
    ObjectNode file = (ObjectNode) root.get("entries").get(0).get("file");
    if (field.equals("path")) {
      file.put("path", file.get("path").asText() + "2");
    } else {
      file.put(field, file.get(field).asLong() + 1);
    }
    ((ObjectNode) root.get("entries").get(0)).put("sha256", "0".repeat(64));
    JSON.writeValue(cache.toFile(), root);

    FileDigest again = run().digest(binary);
    assertEquals(2, reads.get(), "an entry with another " + field + " was trusted");
    assertEquals(sha256(binary), again.sha256());
  }

  @Test
  void theCacheIsWhatAHitReturns() throws IOException {
    run().digest(binary);
    // the entry is the one trusted source of a hit: a forged digest under the right key shows
    ObjectNode root = (ObjectNode) JSON.readTree(cache.toFile());
    ((ObjectNode) root.get("entries").get(0)).put("sha256", "a".repeat(64));
    JSON.writeValue(cache.toFile(), root);
    assertEquals("a".repeat(64), run().digest(binary).sha256());
    assertEquals(1, reads.get());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json at all",
        "{\"format\":1,\"entries\":[{\"file\":{\"path\":\"/x\"},\"sha256\":\"ab\"}]}",
        "{\"format\":99,\"entries\":[]}",
        "{\"format\":1,\"entries\":[null]}",
        "{\"format\":1,\"entries\":[{\"file\":null,\"sha256\":\"x\"}]}",
        "{\"format\":1",
        ""
      })
  void aCorruptCacheIsIgnoredAndRewritten(String content) throws IOException {
    Files.createDirectories(cache.getParent());
    Files.writeString(cache, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rw-------"));

    FileDigest d = assertDoesNotThrow(() -> run().digest(binary));
    assertEquals(sha256(binary), d.sha256());
    assertEquals(1, reads.get());
    run().digest(binary);
    assertEquals(1, reads.get(), "the corrupt cache was not replaced by a good one");
  }

  @Test
  void aCacheOthersCanWriteIsNotTrusted() throws IOException {
    run().digest(binary);
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rw-rw-rw-"));
    run().digest(binary);
    assertEquals(2, reads.get());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
  }

  @Test
  void theCacheIsPrivateToTheUser() throws IOException {
    run().digest(binary);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.getParent())));
    try (var left = Files.list(cache.getParent())) {
      assertEquals(1, left.count(), "a temp file was left next to the cache");
    }
  }

  @Test
  void aFileChangedJustNowIsHashedButNotCached() throws IOException {
    // its timestamps could stay the same through another write within the same clock tick
    LocalDigests now = new LocalDigests(cache, counting, Clock.systemUTC());
    now.digest(binary);
    now.digest(binary);
    assertEquals(2, reads.get());
  }

  @Test
  void anUnwritableCacheOnlyCostsTheHash() throws IOException {
    Path blocked = dir.resolve("blocked");
    Files.writeString(blocked, "a file where the cache folder would be");
    LocalDigests digests = new LocalDigests(blocked.resolve("cfctl/x.json"), counting, later);
    assertEquals(sha256(binary), digests.digest(binary).sha256());
    assertEquals(sha256(binary), digests.digest(binary).sha256());
    assertEquals(2, reads.get());
  }

  @Test
  void theCacheFolderFollowsXdg() {
    assertEquals(
        Path.of("/var/cache/u/cfctl"),
        LocalDigests.cacheDir(Map.of("XDG_CACHE_HOME", "/var/cache/u"), "/home/u"));
    assertEquals(Path.of("/home/u/.cache/cfctl"), LocalDigests.cacheDir(Map.of(), "/home/u"));
    // the XDG spec: a relative or empty value is invalid and ignored
    assertEquals(
        Path.of("/home/u/.cache/cfctl"),
        LocalDigests.cacheDir(Map.of("XDG_CACHE_HOME", "rel/cache"), "/home/u"));
    assertEquals(
        Path.of("/home/u/.cache/cfctl"),
        LocalDigests.cacheDir(Map.of("XDG_CACHE_HOME", ""), "/home/u"));
  }

  @Test
  void theSha256IsTheStandardOne() throws IOException {
    Files.writeString(binary, "abc");
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha256(binary));
  }
}
