package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.backup.BackupArchive;
import io.clusterfactory.cfctl.core.backup.BackupBundle;
import io.clusterfactory.cfctl.core.backup.BackupFiles;
import io.clusterfactory.cfctl.core.backup.BackupManifest;
import io.clusterfactory.cfctl.core.backup.BackupRequest;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * backup: the one archive (manifest.json, k0s's backup, the sealing keys), written 0600 and never
 * into the GitOps repository's folder; then {@code --keep} deletes the cluster's older backups in
 * the folder. A dry run says where it would write and what it would delete, and writes nothing.
 */
public final class WriteBackupArchive implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(WriteBackupArchive.class);

  @Override
  public String title() {
    return "Write the backup archive";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.backup() != null;
  }

  @Override
  public void run(ClusterContext ctx) {
    BackupBundle bundle = ctx.backup();
    BackupRequest request = bundle.request();
    String cluster = ctx.config().cluster().metadata().name();
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    boolean encrypted = request.encryptTo() != null;
    Path file = target(request, cluster, now);
    refuseInsideRepository(ctx, file);
    SortedMap<String, byte[]> entries = bundle.entries();
    BackupManifest manifest =
        BackupArchive.manifest(
            new BackupManifest(
                BackupManifest.FORMAT,
                cluster,
                now.toString(),
                request.cfctlVersion(),
                bundle.k0sVersion(),
                bundle.leader(),
                bundle.treeCommit(),
                BackupArchive.sha256(
                    ctx.config().source().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                null),
            entries);
    bundle.written(file);
    String what =
        "write the backup "
            + file
            + " (mode 0600: "
            + (entries.containsKey(BackupBundle.K0S_ENTRY) || ctx.dryRun()
                ? "k0s's backup from " + (bundle.leader() == null ? "the leader" : bundle.leader())
                : "no k0s backup")
            + ", "
            + (entries.containsKey(BackupBundle.SEALING_KEYS_ENTRY)
                ? "the sealed-secrets keys"
                : "no sealing keys")
            + ", the tree commit, cluster.yaml's sha256"
            + (encrypted ? "; OpenPGP-encrypted for " + request.encryptTo() : "")
            + ")";
    ctx.guard()
        .mutate(
            "local",
            what,
            () -> {
              if (!entries.containsKey(BackupBundle.K0S_ENTRY)) {
                throw new IllegalStateException("no k0s backup was fetched from the leader");
              }
              byte[] bytes = BackupArchive.toBytes(manifest, entries);
              if (encrypted) {
                bytes =
                    io.clusterfactory.cfctl.core.backup.BackupCrypto.encrypt(
                        bytes, request.encryptTo());
              }
              BackupArchive.writeFile(file, bytes);
              return null;
            });
    if (encrypted) {
      logger.info("{} is encrypted for {}", file, request.encryptTo());
    } else {
      logger.warn(
          "{} holds the cluster's private keys (k0s's CA, the sealed-secrets keys): keep it where"
              + " only you can read it (--encrypt-to encrypts it)",
          file);
    }
    if (request.keep() != null) {
      Path dir = file.toAbsolutePath().getParent();
      for (Path old : BackupFiles.leftovers(dir, cluster)) {
        ctx.guard()
            .mutate(
                "local", "remove " + old + " (an interrupted backup's part)", () -> delete(old));
      }
      // in a dry run the new file is not there yet: it counts as the newest all the same
      java.util.List<Path> all = new java.util.ArrayList<>(BackupFiles.list(dir, cluster));
      all.remove(file);
      all.add(file);
      int extra = all.size() - request.keep();
      for (Path old : all.subList(0, Math.max(0, extra))) {
        bundle.deleted(old);
        ctx.guard()
            .mutate(
                "local",
                "delete " + old + " (--keep " + request.keep() + ": older than the newest)",
                () -> delete(old));
      }
    }
  }

  private static Object delete(Path p) {
    try {
      Files.deleteIfExists(p);
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + p, e);
    }
  }

  static Path target(BackupRequest request, String cluster, Instant now) {
    if (request.file() != null) {
      return request.file().toAbsolutePath().normalize();
    }
    Path dir = request.dir() == null ? Path.of("") : request.dir();
    return dir.resolve(BackupFiles.name(cluster, now, request.encryptTo() != null))
        .toAbsolutePath()
        .normalize();
  }

  /** A backup holds private keys: it must never land in the GitOps repository (a file:// one). */
  static void refuseInsideRepository(ClusterContext ctx, Path file) {
    var g = ctx.config().cluster().spec().gitops();
    if (g == null || g.repository() == null || g.repository().url() == null) {
      return;
    }
    String url = g.repository().url();
    if (!url.startsWith("file:")) {
      return;
    }
    Path repo;
    try {
      repo = Path.of(URI.create(url)).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      return;
    }
    if (file.startsWith(repo)) {
      throw new InvalidInputException(
          file + " is inside the GitOps repository " + repo + ": a backup holds private keys",
          "write it outside the repository (-o DIR)");
    }
  }
}
