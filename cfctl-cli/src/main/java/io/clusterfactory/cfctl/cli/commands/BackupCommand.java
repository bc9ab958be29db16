package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.cli.CfctlVersion;
import io.clusterfactory.cfctl.cli.HostsStages;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.cli.mixins.DurationConverter;
import io.clusterfactory.cfctl.cli.mixins.HostKeysOption;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ClusterBackupAction;
import io.clusterfactory.cfctl.core.apply.Plan;
import io.clusterfactory.cfctl.core.backup.BackupCrypto;
import io.clusterfactory.cfctl.core.backup.BackupRequest;
import io.clusterfactory.cfctl.core.backup.DataService;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cfctl backup}: k0s's backup, the sealing keys and the tree's commit, in one archive. */
@Command(
    name = "backup",
    description = {
      "Back up the cluster: k0s's own backup from the leader, the sealed-secrets controller's keys,",
      "the published tree's Git commit and cluster.yaml's hash, in one 0600 tar.gz with a manifest.",
      "Restore with: cfctl apply --restore-from FILE. The file holds private keys."
    })
public final class BackupCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Mixin HostKeysOption hostKeys;

  @Option(
      names = {"-o", "--output-dir"},
      paramLabel = "DIR",
      description =
          "Folder for the archive, cfctl-backup-<cluster>-<UTC time>.tar.gz, and for --keep"
              + " (default: the current folder)")
  Path dir;

  @Option(
      names = "--keep",
      paramLabel = "N",
      description = "Keep the newest N cfctl backups of this cluster in DIR, delete older ones")
  Integer keep;

  @Option(
      names = "--encrypt-to",
      paramLabel = "KEYFILE",
      description =
          "Encrypt the archive (OpenPGP) for this public key file (armored, e.g. gpg --export"
              + " --armor ID); restore with apply --restore-from FILE --decrypt-with PRIVATEKEY")
  Path encryptTo;

  @Option(
      names = "--include",
      split = ",",
      paramLabel = "SERVICE",
      description =
          "Also dump these data services into the archive, through the API's exec into their"
              + " pods: mariadb (mariadb-dump), ldap (389ds's LDIF export); each dump checked")
  java.util.List<String> include;

  @Option(
      names = "--dry-run",
      description = "Say what would be fetched and where it would be written; write nothing")
  boolean dryRun;

  @Option(
      names = "--timeout",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description = "Give up after this long (default 30m)")
  Duration timeout;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (keep != null && keep < 1) {
      throw new InvalidInputException(
          "--keep " + keep + ": must be at least 1", "give --keep 1 or more");
    }
    Path folder = dir != null ? dir : Path.of("");
    if (encryptTo != null) {
      // a key that cannot encrypt is refused before anything is fetched
      BackupCrypto.checkRecipient(encryptTo);
    }
    LoadedConfig loaded = config.load(ValidationMode.APPLY);
    java.util.List<DataService> dumps = DataService.parse(include, loaded.cluster());
    ClusterBackupAction.Result result =
        new ClusterBackupAction<>(HostsStages.hostPhases())
            .run(
                loaded,
                ApplyOptions.defaults()
                    .dryRun(dryRun)
                    .timeout(timeout)
                    .acceptNewHostKeys(hostKeys.acceptNew())
                    .sshTimeout(hostKeys.sshTimeout())
                    .build(),
                new BackupRequest(null, folder, keep, CfctlVersion.version(), encryptTo, dumps));
    var out = spec.commandLine().getOut();
    if (dryRun) {
      out.print(Plan.of(true, result.report().changes(), result.report().hostPhases()).toText());
      out.flush();
      return 0;
    }
    // the path only, never the content
    out.println(result.bundle().written());
    out.flush();
    for (Path deleted : result.bundle().deleted()) {
      spec.commandLine().getErr().println("deleted older backup " + deleted);
    }
    return 0;
  }
}
