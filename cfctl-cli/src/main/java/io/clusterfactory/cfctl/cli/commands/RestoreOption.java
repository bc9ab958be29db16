package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.backup.BackupCrypto;
import io.clusterfactory.cfctl.core.backup.RestoreSource;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.nio.file.Path;
import java.util.Set;

/** {@code apply --restore-from [--decrypt-with]}: the backup opened and checked up front. */
final class RestoreOption {
  private RestoreOption() {}

  static RestoreSource open(Path from, Path key, Set<ApplyPart> parts, LoadedConfig loaded) {
    if (from == null) {
      if (key != null) {
        throw new InvalidInputException(
            "--decrypt-with needs --restore-from", "give the backup to restore");
      }
      return null;
    }
    if (!parts.contains(ApplyPart.HOSTS)) {
      throw new InvalidInputException(
          "--restore-from restores k0s on the hosts: it needs the hosts part",
          "drop --only, or include hosts");
    }
    RestoreSource.Decryptor decryptor =
        key == null ? null : BackupCrypto.decryptor(key, System.getenv("CFCTL_BACKUP_PASSPHRASE"));
    return RestoreSource.open(from, loaded.cluster().metadata().name(), decryptor);
  }
}
