package io.clusterfactory.cfctl.core.backup;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The backup {@code apply --restore-from} restores, opened and checked before the run starts: the
 * manifest and every entry's checksum, the cluster name against cluster.yaml, the k0s backup
 * present. Any of these failing is invalid input (exit 2): nothing has been touched yet.
 *
 * @param file the archive as given
 * @param archive its checked content
 */
public record RestoreSource(Path file, BackupArchive.Opened archive) {

  /**
   * Opens {@code file} (decrypting it first when {@code decrypt} is given) for {@code cluster}.
   *
   * @throws InvalidInputException when it cannot be read, fails a check or is another cluster's
   */
  public static RestoreSource open(Path file, String cluster, Decryptor decrypt) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          "--restore-from " + file + ": no such file", "give the file cfctl backup wrote");
    } catch (IOException e) {
      throw new InvalidInputException("--restore-from " + file + ": " + e.getMessage(), null, e);
    }
    if (decrypt != null) {
      bytes = decrypt.decrypt(bytes, file.toString());
    }
    BackupArchive.Opened opened = BackupArchive.read(bytes, file.toString());
    String name = opened.manifest().cluster();
    if (!cluster.equals(name)) {
      throw new InvalidInputException(
          file + " is a backup of cluster '" + name + "', cluster.yaml is '" + cluster + "'",
          "restore a backup of this cluster, or use the cluster.yaml it was taken with");
    }
    if (opened.entry(BackupBundle.K0S_ENTRY) == null) {
      throw new InvalidInputException(
          file + " holds no k0s backup (" + BackupBundle.K0S_ENTRY + ")", "use a complete backup");
    }
    return new RestoreSource(file, opened);
  }

  /** Turns an encrypted file's bytes into the archive's, or throws invalid input. */
  @FunctionalInterface
  public interface Decryptor {
    byte[] decrypt(byte[] encrypted, String what);
  }
}
