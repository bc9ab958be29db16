package io.clusterfactory.cfctl.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {
  @TempDir Path directory;

  @Test
  @DisplayName("writePrivate creates parents and writes with mode 0600")
  void writesPrivately() throws Exception {
    Path target = directory.resolve("a/b/kubeconfig");

    SecureFiles.writePrivate(target, "apiVersion: v1\n".getBytes());

    assertEquals("apiVersion: v1\n", Files.readString(target));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertFalse(SecureFiles.isReadableByOthers(target));
  }

  @Test
  @DisplayName(
      "writePrivate replaces a world-readable file, narrowing its mode, leaving no temp file")
  void replacesAtomically() throws Exception {
    Path target = directory.resolve("key");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    assertTrue(SecureFiles.isReadableByOthers(target));

    SecureFiles.writePrivate(target, "new".getBytes());

    assertEquals("new", Files.readString(target));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    try (var files = Files.list(directory)) {
      assertEquals(1, files.count());
    }
  }
}
