package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.backup.BackupBundle;
import io.clusterfactory.cfctl.core.backup.BackupRequest;
import io.clusterfactory.cfctl.core.config.LoadedConfig;

/**
 * {@code cfctl backup}: {@link Pipelines#backup}'s list over one context carrying the request; the
 * report says what was (or, in a dry run, would be) written and deleted.
 */
public final class ClusterBackupAction<C extends ClusterContext> {
  private final HostPhases<C> hosts;

  public ClusterBackupAction(HostPhases<C> hosts) {
    this.hosts = hosts;
  }

  /** What the run did: its plan (dry run) and the bundle (the file written, the files deleted). */
  public record Result(ApplyReport report, BackupBundle bundle) {}

  public Result run(LoadedConfig config, ApplyOptions options, BackupRequest request) {
    BackupBundle bundle = new BackupBundle(request);
    Pipelines.Ran<C> ran =
        Pipelines.runPrepared(
            Command.BACKUP, hosts, config, options, new NoSealing(), ctx -> ctx.backup(bundle));
    C ctx = ran.context();
    return new Result(
        new ApplyReport(
            ctx.dryRun(),
            ctx.guard().changes(),
            ran.phases(),
            null,
            ctx.stackResults(),
            ctx.notes()),
        bundle);
  }
}
