package io.clusterfactory.cfctl.k0s.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Local files that hold secrets: created with mode 0600, never readable by others even briefly. */
public final class LocalFiles {
  private LocalFiles() {}

  /** Creates (or truncates) {@code file} with mode 0600 from the start. */
  public static void createOwnerOnly(Path file) {
    try {
      Files.deleteIfExists(file);
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      FileAttribute<?>[] attrs =
          posix
              ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
              }
              : new FileAttribute<?>[0];
      Files.createFile(file, attrs);
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + file, e);
    }
  }

  /** Writes {@code bytes} to a new 0600 {@code file}. */
  public static void writeOwnerOnly(Path file, byte[] bytes) {
    createOwnerOnly(file);
    try (OutputStream out =
        Files.newOutputStream(
            file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }
}
