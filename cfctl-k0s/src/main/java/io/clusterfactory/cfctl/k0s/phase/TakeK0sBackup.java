package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.backup.BackupArchive;
import io.clusterfactory.cfctl.core.backup.BackupBundle;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * backup: {@code k0s backup --save-path} on the leader (the one {@link GatherK0sFacts} chose) into
 * a folder of this run ({@link #DIR_PREFIX}{@code <run id>}, on the host's tmpfs), the archive
 * fetched over SFTP and checked against the host's sha256, the folder removed. A run killed in
 * between leaves the folder: {@link CleanUpLeftovers} removes every {@code /run/cfctl-backup-*}
 * under the host lock of the next run, and a reboot empties /run anyway.
 */
public final class TakeK0sBackup implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(TakeK0sBackup.class);

  /** The leader's folder for one run's backup. */
  public static final String DIR_PREFIX = "/run/cfctl-backup-";

  @Override
  public String title() {
    return "Take k0s's backup on the leader";
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return ctx.backup() != null;
  }

  @Override
  public void run(HostsContext ctx) {
    HostState leader = ctx.leaderOrNull();
    if (leader == null || !leader.connected() || !leader.running()) {
      throw new UnreachableException(
          "controllers",
          "no running controller to take k0s's backup on"
              + (leader == null ? "" : " (" + leader.name() + " does not run k0s)"),
          "start the cluster (cfctl apply), or use a reachable controller",
          null);
    }
    BackupBundle bundle = ctx.backup();
    bundle.leader(leader.spec().ssh() != null ? leader.spec().ssh().address() : leader.name());
    if (leader.runningVersion() != null) {
      bundle.k0sVersion(leader.runningVersion().toString());
    }
    String dir = DIR_PREFIX + ctx.runId();
    String q = ShellQuote.quote(dir);
    ctx.guard()
        .mutate(
            leader.name(),
            "take k0s's backup (k0s backup --save-path "
                + dir
                + "), fetch it over SFTP, remove "
                + dir,
            () -> {
              try {
                bundle.add(BackupBundle.K0S_ENTRY, fetch(ctx, leader, dir, q));
              } finally {
                remove(leader, q);
              }
              return null;
            });
  }

  private static byte[] fetch(HostsContext ctx, HostState leader, String dir, String q) {
    K0sCommands.must(leader, "creating " + dir, "rm -rf -- " + q + " && mkdir -m 0700 -- " + q);
    String out =
        K0sCommands.must(
            leader,
            "k0s backup",
            K0sCommands.k0s(
                leader,
                "backup --save-path=" + q + " --data-dir=" + ShellQuote.quote(leader.dataDir())));
    String found = archivePath(out, dir);
    if (found == null) {
      // an older k0s only logs the name: take the one archive in the folder
      String listed =
          K0sCommands.must(
              leader,
              "finding k0s's backup",
              "ls -1 -- " + q + " | grep '^k0s_backup_.*\\.tar\\.gz$'");
      found = dir + "/" + listed.strip().lines().reduce((a, b) -> b).orElseThrow();
    }
    String remote = found;
    String expected =
        leader
            .remote()
            .sha256(remote)
            .orElseThrow(
                () ->
                    new OperationFailedException(
                        leader.name() + ": k0s backup wrote no " + remote));
    Path local = null;
    try {
      local = Files.createTempFile("cfctl-k0s-backup-", ".tar.gz");
      leader.remote().download(remote, local);
      byte[] bytes = Files.readAllBytes(local);
      String actual = BackupArchive.sha256(bytes);
      if (!actual.equals(expected)) {
        throw new OperationFailedException(
            leader.name()
                + ": the k0s backup fetched from "
                + remote
                + " fails its checksum (host sha256 "
                + expected
                + ", received "
                + actual
                + ")");
      }
      logger.info(
          "{}: k0s backup fetched ({} bytes, sha256 {})", leader.name(), bytes.length, actual);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("fetching k0s's backup", e);
    } finally {
      if (local != null) {
        try {
          Files.deleteIfExists(local);
        } catch (IOException e) {
          logger.debug("could not remove {}: {}", local, e.getMessage());
        }
      }
    }
  }

  /** The archive's path from k0s backup's output: the line naming a k0s_backup_*.tar.gz in dir. */
  static String archivePath(String stdout, String dir) {
    for (String line : stdout.lines().toList()) {
      String s = line.strip();
      int at = s.indexOf(dir + "/k0s_backup_");
      if (at >= 0) {
        String rest = s.substring(at);
        int end = rest.indexOf(".tar.gz");
        if (end > 0) {
          return rest.substring(0, end + ".tar.gz".length());
        }
      }
    }
    return null;
  }

  private static void remove(HostState leader, String q) {
    try {
      leader.remote().exec("rm -rf -- " + q);
    } catch (RuntimeException e) {
      logger.warn(
          "{}: could not remove {} (the next run's clean-up does): {}",
          leader.name(),
          q,
          e.getMessage());
    }
  }
}
