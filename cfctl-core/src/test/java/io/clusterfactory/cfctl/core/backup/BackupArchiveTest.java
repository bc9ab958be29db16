package io.clusterfactory.cfctl.core.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupArchiveTest {
  @TempDir Path dir;

  static TreeMap<String, byte[]> entries() {
    TreeMap<String, byte[]> e = new TreeMap<>();
    e.put(BackupBundle.K0S_ENTRY, "k0s archive".getBytes(StandardCharsets.UTF_8));
    e.put(
        BackupBundle.SEALING_KEYS_ENTRY,
        "apiVersion: v1\nkind: List\n".getBytes(StandardCharsets.UTF_8));
    return e;
  }

  static byte[] archive() {
    TreeMap<String, byte[]> e = entries();
    BackupManifest m =
        BackupArchive.manifest(
            new BackupManifest(
                null,
                "lab",
                "2026-12-02T12:00:00Z",
                "0.1.0",
                "v1.31.2+k0s.0",
                "10.0.0.1",
                "abc",
                "ff",
                null),
            e);
    return BackupArchive.toBytes(m, e);
  }

  @Test
  @DisplayName("write then read: the manifest lists every entry with its sha256; bytes are stable")
  void roundTrip() {
    byte[] bytes = archive();
    BackupArchive.Opened opened = BackupArchive.read(bytes, "b");
    assertEquals("lab", opened.manifest().cluster());
    assertEquals(BackupManifest.FORMAT, opened.manifest().format());
    assertEquals(
        List.of(BackupBundle.K0S_ENTRY, BackupBundle.SEALING_KEYS_ENTRY),
        opened.manifest().entries().stream().map(BackupManifest.Entry::name).toList());
    assertEquals(
        BackupArchive.sha256("k0s archive".getBytes(StandardCharsets.UTF_8)),
        opened.manifest().entries().get(0).sha256());
    assertArrayEquals(entries().get(BackupBundle.K0S_ENTRY), opened.entry(BackupBundle.K0S_ENTRY));
    assertArrayEquals(bytes, archive(), "same input, same archive");
  }

  @Test
  @DisplayName("the file is 0600 from creation, and no temporary file stays")
  void ownerOnly() throws Exception {
    Path file = dir.resolve("out/b.tar.gz");
    BackupArchive.writeFile(file, archive());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  @DisplayName("a changed, missing or extra entry is refused, naming it; so is a non-archive")
  void tampered() throws Exception {
    InvalidInputException changed =
        assertThrows(
            InvalidInputException.class,
            () ->
                BackupArchive.read(
                    rewrite(
                        archive(),
                        (name) -> name.equals(BackupBundle.K0S_ENTRY) ? "evil".getBytes() : null),
                    "b"));
    assertTrue(
        changed.getMessage().contains("entry " + BackupBundle.K0S_ENTRY + " fails its checksum"),
        changed.getMessage());
    InvalidInputException missing =
        assertThrows(
            InvalidInputException.class,
            () ->
                BackupArchive.read(
                    rewrite(
                        archive(),
                        name -> name.equals(BackupBundle.SEALING_KEYS_ENTRY) ? new byte[0] : null,
                        BackupBundle.SEALING_KEYS_ENTRY),
                    "b"));
    assertTrue(
        missing
            .getMessage()
            .contains(BackupBundle.SEALING_KEYS_ENTRY + " listed in the manifest is missing"),
        missing.getMessage());
    InvalidInputException noManifest =
        assertThrows(
            InvalidInputException.class,
            () -> BackupArchive.read(rewrite(archive(), n -> null, BackupArchive.MANIFEST), "b"));
    assertTrue(noManifest.getMessage().contains("no manifest.json"), noManifest.getMessage());
    assertThrows(InvalidInputException.class, () -> BackupArchive.read("not gzip".getBytes(), "b"));
  }

  @Test
  @DisplayName("a backup of another cluster is refused with both names")
  void otherCluster() throws Exception {
    Path file = dir.resolve("b.tar.gz");
    BackupArchive.writeFile(file, archive());
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> RestoreSource.open(file, "prod", null));
    assertTrue(
        e.getMessage().contains("'lab'") && e.getMessage().contains("'prod'"), e.getMessage());
    assertEquals("lab", RestoreSource.open(file, "lab", null).archive().manifest().cluster());
  }

  @Test
  @DisplayName("--keep keeps the newest N of this cluster's cfctl-named backups and nothing else")
  void rotation() throws Exception {
    Instant t = Instant.parse("2026-12-01T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      Files.writeString(
          dir.resolve(BackupFiles.name("lab", t.plusSeconds(3600L * i), i == 3)), "x");
    }
    Files.writeString(dir.resolve(BackupFiles.name("prod", t, false)), "x");
    Files.writeString(dir.resolve("cfctl-backup-lab-notes.txt"), "x");
    Files.writeString(dir.resolve("k0s_backup_2026-12-01T00_00_00_000Z.tar.gz"), "x");
    List<Path> all = BackupFiles.list(dir, "lab");
    assertEquals(5, all.size());
    assertEquals(
        List.of(
            dir.resolve("cfctl-backup-lab-20261201T000000Z.tar.gz"),
            dir.resolve("cfctl-backup-lab-20261201T010000Z.tar.gz"),
            dir.resolve("cfctl-backup-lab-20261201T020000Z.tar.gz")),
        BackupFiles.beyond(dir, "lab", 2));
    assertEquals(List.of(), BackupFiles.beyond(dir, "lab", 5));
    assertTrue(BackupFiles.list(dir, "lab").get(3).toString().endsWith(".tar.gz.pgp"));
  }

  /**
   * The archive with each entry's content replaced where {@code change} says, {@code drop} left
   * out.
   */
  static byte[] rewrite(
      byte[] archive, java.util.function.Function<String, byte[]> change, String... drop)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveInputStream in =
            new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] bytes = in.readAllBytes();
        if (List.of(drop).contains(e.getName())) {
          continue;
        }
        byte[] replaced = change.apply(e.getName());
        byte[] content = replaced == null ? bytes : replaced;
        TarArchiveEntry copy = new TarArchiveEntry(e.getName());
        copy.setSize(content.length);
        tar.putArchiveEntry(copy);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }
}
