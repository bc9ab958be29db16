package io.clusterfactory.cfctl.core.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A cfctl backup on disk: one tar.gz whose first entry is {@code manifest.json} ({@link
 * BackupManifest}). The file holds private keys, so it is created with mode 0600 (no moment where
 * another user can read it), under a hidden temporary name in the destination's folder, and renamed
 * into place once complete: a killed run leaves no partial archive under the final name. Reading
 * checks the manifest against every entry before anything is returned.
 */
public final class BackupArchive {
  public static final String MANIFEST = "manifest.json";

  /** Marks the temporary files {@link #write} creates (and a killed run may leave). */
  public static final String PART_MARK = ".cfctl-backup-part-";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private BackupArchive() {}

  /** The manifest for {@code entries}, with their sizes and digests. */
  public static BackupManifest manifest(BackupManifest facts, SortedMap<String, byte[]> entries) {
    List<BackupManifest.Entry> list = new ArrayList<>();
    entries.forEach(
        (name, bytes) -> list.add(new BackupManifest.Entry(name, bytes.length, sha256(bytes))));
    return new BackupManifest(
        BackupManifest.FORMAT,
        facts.cluster(),
        facts.created(),
        facts.cfctlVersion(),
        facts.k0sVersion(),
        facts.leader(),
        facts.treeCommit(),
        facts.clusterYamlSha256(),
        List.copyOf(list));
  }

  /**
   * The archive's bytes: manifest.json first, then the entries by name, all dated {@code created}.
   */
  public static byte[] toBytes(BackupManifest manifest, SortedMap<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      long time = java.time.Instant.parse(manifest.created()).toEpochMilli();
      put(tar, MANIFEST, JSON.writeValueAsBytes(manifest), time);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        put(tar, e.getKey(), e.getValue(), time);
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("writing the backup archive", e);
    }
    return out.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] bytes, long time)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    entry.setMode(0600);
    entry.setModTime(time);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  /**
   * Writes {@code bytes} to {@code file}: created 0600 under a temporary name next to it, then
   * moved into place. An existing {@code file} is replaced.
   */
  public static void writeFile(Path file, byte[] bytes) {
    Path folder = file.toAbsolutePath().getParent();
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    Path temp =
        folder.resolve("." + file.getFileName() + PART_MARK + HexFormat.of().formatHex(random));
    try {
      Files.createDirectories(folder);
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      FileAttribute<?>[] attrs =
          posix
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
              : new FileAttribute<?>[0];
      // created with the mode, so the umask can only narrow it
      Files.createFile(temp, attrs);
      try (OutputStream out = Files.newOutputStream(temp)) {
        out.write(bytes);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the next run's rotation removes it
      }
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  /** An archive read back and checked: its manifest and every entry it lists. */
  public record Opened(BackupManifest manifest, SortedMap<String, byte[]> entries) {
    public byte[] entry(String name) {
      return entries.get(name);
    }
  }

  /**
   * Reads an archive (plain tar.gz bytes) and checks it: a manifest of this format first, every
   * entry it lists present with its size and sha256, nothing it does not list.
   *
   * @param what the file's name for messages
   * @throws InvalidInputException naming the first entry that is missing, extra or changed
   */
  public static Opened read(byte[] archive, String what) {
    Map<String, byte[]> found = new LinkedHashMap<>();
    try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isDirectory()) {
          continue;
        }
        if (found.containsKey(e.getName())) {
          throw refused(what, "entry " + e.getName() + " appears twice");
        }
        found.put(e.getName(), tar.readAllBytes());
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          what + " is not a cfctl backup (not a readable tar.gz: " + e.getMessage() + ")",
          "give the file cfctl backup wrote; an encrypted one needs --decrypt-with",
          e);
    }
    byte[] manifestBytes = found.remove(MANIFEST);
    if (manifestBytes == null) {
      throw refused(what, "it has no " + MANIFEST);
    }
    BackupManifest manifest;
    try {
      manifest = JSON.readValue(manifestBytes, BackupManifest.class);
    } catch (IOException e) {
      throw refused(what, MANIFEST + " is not readable: " + e.getMessage());
    }
    if (!BackupManifest.FORMAT.equals(manifest.format())) {
      throw refused(
          what, "format " + manifest.format() + ", this cfctl reads " + BackupManifest.FORMAT);
    }
    SortedMap<String, byte[]> entries = new TreeMap<>();
    for (BackupManifest.Entry listed :
        manifest.entries() == null ? List.<BackupManifest.Entry>of() : manifest.entries()) {
      byte[] bytes = found.remove(listed.name());
      if (bytes == null) {
        throw refused(what, "entry " + listed.name() + " listed in the manifest is missing");
      }
      String actual = sha256(bytes);
      if (bytes.length != listed.size() || !actual.equals(listed.sha256())) {
        throw refused(
            what,
            "entry "
                + listed.name()
                + " fails its checksum (manifest sha256 "
                + listed.sha256()
                + ", archive has "
                + actual
                + ")");
      }
      entries.put(listed.name(), bytes);
    }
    if (!found.isEmpty()) {
      throw refused(what, "entry " + found.keySet().iterator().next() + " is not in the manifest");
    }
    return new Opened(manifest, entries);
  }

  private static InvalidInputException refused(String what, String why) {
    return new InvalidInputException(
        what + " is refused: " + why,
        "the archive was changed or damaged after cfctl backup wrote it; use another backup");
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
