package io.clusterfactory.cfctl.core.secrets;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files only their owner may read (kubeconfigs, keys, cached certificates). The content is
 * written to a temporary file created with mode 0600 in the target directory, synced, then moved
 * over the target atomically, so no reader ever sees a partial file or a moment of wider mode.
 */
public final class SecureFiles {
  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private SecureFiles() {}

  /** Atomically replaces {@code target} with {@code content}, mode 0600. */
  public static void writePrivate(Path target, byte[] content) {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary =
          Files.createTempFile(
              directory,
              "." + absolute.getFileName() + ".",
              ".tmp",
              privateFileAttributes(directory));
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        var buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      moveIntoPlace(temporary, absolute);
      temporary = null;
    } catch (IOException e) {
      throw new OperationFailedException(
          "writing " + absolute + ": " + e.getMessage(),
          "check that the directory exists and is writable",
          e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // the write already failed; that error is the one worth reporting
        }
      }
    }
  }

  /** Creates {@code directory} (and parents) if missing; a directory it creates gets mode 0700. */
  public static void createPrivateDirectories(Path directory) {
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory, privateDirectoryAttributes(directory));
      }
    } catch (IOException e) {
      throw new OperationFailedException(
          "creating directory " + directory + ": " + e.getMessage(), e);
    }
  }

  /** True when the file system supports POSIX modes and {@code file} is readable by others. */
  public static boolean isReadableByOthers(Path file) {
    if (!isPosix(file)) {
      return false;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException e) {
      return false;
    }
  }

  private static void moveIntoPlace(Path temporary, Path target) throws IOException {
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] privateFileAttributes(Path directory) {
    return isPosix(directory)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] privateDirectoryAttributes(Path directory) {
    return isPosix(directory)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY)}
        : new FileAttribute<?>[0];
  }
}
