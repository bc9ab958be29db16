package io.clusterfactory.cfctl.core.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names cfctl gives its backups, {@code cfctl-backup-<cluster>-<yyyyMMdd'T'HHmmss'Z'>.tar.gz}
 * ({@code .tar.gz.pgp} when encrypted), and the rotation over them: {@code --keep N} keeps the
 * newest N of one cluster's backups in a folder and deletes the older ones. Only files named so are
 * ever deleted, plus the temporary files a killed {@link BackupArchive#writeFile} left.
 */
public final class BackupFiles {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private BackupFiles() {}

  /** The name of a backup of {@code cluster} taken at {@code time}. */
  public static String name(String cluster, Instant time, boolean encrypted) {
    return "cfctl-backup-"
        + cluster
        + "-"
        + STAMP.format(time)
        + ".tar.gz"
        + (encrypted ? ".pgp" : "");
  }

  static Pattern pattern(String cluster) {
    return Pattern.compile(
        "cfctl-backup-" + Pattern.quote(cluster) + "-\\d{8}T\\d{6}Z\\.tar\\.gz(\\.pgp)?");
  }

  /** cfctl's backups of {@code cluster} in {@code dir}, oldest first. */
  public static List<Path> list(Path dir, String cluster) {
    Pattern p = pattern(cluster);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> Files.isRegularFile(f) && p.matcher(f.getFileName().toString()).matches())
          // the name's timestamp sorts as time; the suffix never reorders two stamps
          .sorted((a, b) -> stamp(a).compareTo(stamp(b)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
  }

  private static String stamp(Path f) {
    String n = f.getFileName().toString();
    return n.replaceAll(".*-(\\d{8}T\\d{6}Z)\\.tar\\.gz(\\.pgp)?$", "$1");
  }

  /** The backups {@code --keep keep} deletes: all but the newest {@code keep}. */
  public static List<Path> beyond(Path dir, String cluster, int keep) {
    List<Path> all = list(dir, cluster);
    return all.size() <= keep ? List.of() : new ArrayList<>(all.subList(0, all.size() - keep));
  }

  /**
   * Temporary files a killed write left in {@code dir} (hidden, with {@link
   * BackupArchive#PART_MARK}).
   */
  public static List<Path> leftovers(Path dir, String cluster) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    String prefix = ".cfctl-backup-" + cluster + "-";
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(
              f -> {
                String n = f.getFileName().toString();
                return n.startsWith(prefix) && n.contains(BackupArchive.PART_MARK);
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
  }
}
