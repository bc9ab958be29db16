package io.clusterfactory.cfctl.core.backup;

import java.nio.file.Path;

/**
 * What {@code cfctl backup} was asked for.
 *
 * @param file the archive to write, or null for a name cfctl chooses in {@code dir}
 * @param dir where a chosen name goes, and the folder {@code keep} rotates
 * @param keep keep the newest this many of cfctl's backups of the cluster in {@code dir}, or null
 * @param cfctlVersion the running cfctl's version, for the manifest
 * @param encryptTo an OpenPGP public key file: the archive is encrypted for it ({@code .pgp}), or
 *     null
 * @param include the data services whose content is dumped into the archive too ({@code
 *     --include}), in the order given
 */
public record BackupRequest(
    Path file,
    Path dir,
    Integer keep,
    String cfctlVersion,
    Path encryptTo,
    java.util.List<DataService> include) {
  public BackupRequest {
    include = include == null ? java.util.List.of() : java.util.List.copyOf(include);
  }

  /** Without data dumps. */
  public BackupRequest(Path file, Path dir, Integer keep, String cfctlVersion, Path encryptTo) {
    this(file, dir, keep, cfctlVersion, encryptTo, java.util.List.of());
  }

  /** Unencrypted, without data dumps. */
  public BackupRequest(Path file, Path dir, Integer keep, String cfctlVersion) {
    this(file, dir, keep, cfctlVersion, null);
  }
}
