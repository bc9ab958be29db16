package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.backup.BackupBundle;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.io.ByteArrayInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code apply --restore-from}, as k0sctl does it: the first controller gets k0s's backup uploaded
 * (0600, into this run's {@link TakeK0sBackup#DIR_PREFIX} folder, which {@link CleanUpLeftovers}
 * removes should the run be killed) and {@code k0s restore} run before k0s first starts; the other
 * hosts then join it as usual.
 */
public final class RestoreK0s implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(RestoreK0s.class);

  @Override
  public String title() {
    return "Restore k0s's state on the first controller";
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    HostState leader = ctx.leaderOrNull();
    return ctx.restore() != null
        && leader != null
        && !leader.running()
        && !Boolean.TRUE.equals(leader.spec().reset());
  }

  @Override
  public void run(HostsContext ctx) {
    HostState leader = ctx.leader();
    byte[] archive = ctx.restore().archive().entry(BackupBundle.K0S_ENTRY);
    String dir = TakeK0sBackup.DIR_PREFIX + ctx.runId();
    String file = dir + "/k0s_backup.tar.gz";
    String q = ShellQuote.quote(dir);
    ctx.guard()
        .mutate(
            leader.name(),
            "upload k0s's backup from " + ctx.restore().file() + " and run k0s restore",
            () -> {
              try {
                K0sCommands.must(
                    leader, "creating " + dir, "rm -rf -- " + q + " && mkdir -m 0700 -- " + q);
                leader
                    .remote()
                    .upload(new ByteArrayInputStream(archive), archive.length, file, 0600);
                K0sCommands.must(
                    leader,
                    "k0s restore",
                    K0sCommands.k0s(
                        leader,
                        "restore "
                            + ShellQuote.quote(file)
                            + " --data-dir="
                            + ShellQuote.quote(leader.dataDir())));
              } finally {
                try {
                  leader.remote().exec("rm -rf -- " + q);
                } catch (RuntimeException e) {
                  logger.warn("{}: could not remove {}: {}", leader.name(), dir, e.getMessage());
                }
              }
              return null;
            });
    logger.info("{}: k0s state restored from {}", leader.name(), ctx.restore().file());
  }
}
