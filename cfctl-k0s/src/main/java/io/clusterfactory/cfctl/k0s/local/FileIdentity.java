package io.clusterfactory.cfctl.k0s.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What must be unchanged for a cached digest of a file to still be its digest: the absolute path,
 * the size, mtime and ctime in nanoseconds (as precise as the filesystem keeps them; ctime cannot
 * be set back by {@code touch}, so an in-place rewrite that restores the mtime still shows), the
 * device and the inode (a file replaced by a rename has a new inode).
 */
public record FileIdentity(
    String path, long size, long mtimeNanos, long ctimeNanos, long device, long inode) {

  /**
   * The identity of a regular file, or empty where the filesystem gives no inode (then nothing
   * about the file is cached).
   */
  public static Optional<FileIdentity> of(Path file) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    Map<String, Object> a;
    try {
      a = Files.readAttributes(absolute, "unix:size,lastModifiedTime,ctime,dev,ino,isRegularFile");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
      return Optional.empty();
    }
    return Optional.of(
        new FileIdentity(
            absolute.toString(),
            (Long) a.get("size"),
            nanos(a.get("lastModifiedTime")),
            nanos(a.get("ctime")),
            (Long) a.get("dev"),
            (Long) a.get("ino")));
  }

  private static long nanos(Object time) {
    return ((FileTime) time).to(TimeUnit.NANOSECONDS);
  }
}
