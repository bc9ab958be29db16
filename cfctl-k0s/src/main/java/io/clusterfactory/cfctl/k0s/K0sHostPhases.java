package io.clusterfactory.cfctl.k0s;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.apply.HostPhases;
import io.clusterfactory.cfctl.core.apply.HostStep;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.pipeline.OnlyWhen;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.phase.AcquireLock;
import io.clusterfactory.cfctl.k0s.phase.CleanUpLeftovers;
import io.clusterfactory.cfctl.k0s.phase.CompareHosts;
import io.clusterfactory.cfctl.k0s.phase.ConfigureK0s;
import io.clusterfactory.cfctl.k0s.phase.ConfigureRegistryMirrors;
import io.clusterfactory.cfctl.k0s.phase.Connect;
import io.clusterfactory.cfctl.k0s.phase.DetectOs;
import io.clusterfactory.cfctl.k0s.phase.Disconnect;
import io.clusterfactory.cfctl.k0s.phase.GatherFacts;
import io.clusterfactory.cfctl.k0s.phase.GatherK0sFacts;
import io.clusterfactory.cfctl.k0s.phase.GetKubeconfig;
import io.clusterfactory.cfctl.k0s.phase.InitializeK0s;
import io.clusterfactory.cfctl.k0s.phase.InstallControllers;
import io.clusterfactory.cfctl.k0s.phase.InstallWorkers;
import io.clusterfactory.cfctl.k0s.phase.ReadHostStatus;
import io.clusterfactory.cfctl.k0s.phase.ReconcileNodeSettings;
import io.clusterfactory.cfctl.k0s.phase.RefuseRestoreOnRunningCluster;
import io.clusterfactory.cfctl.k0s.phase.Reinstall;
import io.clusterfactory.cfctl.k0s.phase.ReleaseLock;
import io.clusterfactory.cfctl.k0s.phase.ResetHosts;
import io.clusterfactory.cfctl.k0s.phase.RestartReconfiguredNodes;
import io.clusterfactory.cfctl.k0s.phase.RestoreDisruptedNodes;
import io.clusterfactory.cfctl.k0s.phase.RestoreK0s;
import io.clusterfactory.cfctl.k0s.phase.RunHooks;
import io.clusterfactory.cfctl.k0s.phase.StageK0sBinary;
import io.clusterfactory.cfctl.k0s.phase.TakeK0sBackup;
import io.clusterfactory.cfctl.k0s.phase.UpgradeControllers;
import io.clusterfactory.cfctl.k0s.phase.UpgradeWorkers;
import io.clusterfactory.cfctl.k0s.phase.UploadAirgapImages;
import io.clusterfactory.cfctl.k0s.phase.UploadFiles;
import io.clusterfactory.cfctl.k0s.phase.ValidateFacts;
import io.clusterfactory.cfctl.k0s.phase.ValidateHosts;
import java.util.List;

/**
 * cfctl-k0s's phases for core's one list per command ({@link
 * io.clusterfactory.cfctl.core.apply.Pipelines}): the caller (the CLI) hands this in, since core
 * cannot depend on cfctl-k0s. Each step's phases run only when the run needs them: the host
 * mutations when hosts are part of the run, the connection when anything needs the hosts.
 */
public final class K0sHostPhases implements HostPhases<HostsContext> {
  private final HostsSettings settings;

  /** Over SSH, with the default timeouts and lock settings. */
  public K0sHostPhases() {
    this(HostsSettings.defaults());
  }

  /** With other settings (a known_hosts file, shorter limits, a test connector). */
  public K0sHostPhases(HostsSettings settings) {
    this.settings = settings;
  }

  @Override
  public HostsContext context(LoadedConfig config, ApplyOptions options, Command command) {
    return new HostsContext(config, options, command, settings);
  }

  @Override
  public List<Phase<? super HostsContext>> phases(HostStep step) {
    return switch (step) {
      case CONNECT ->
          List.of(
              OnlyWhen.of(HostsContext::contactsHosts, new Connect()),
              OnlyWhen.of(HostsContext::contactsHosts, new DetectOs()),
              OnlyWhen.of(HostsContext::contactsHosts, new GatherFacts()),
              OnlyWhen.of(K0sHostPhases::changesHosts, new ValidateHosts()));
      case LOCK -> List.of(OnlyWhen.of(K0sHostPhases::locksHosts, new AcquireLock()));
      case INSPECT ->
          List.of(
              OnlyWhen.of(HostsContext::contactsHosts, new GatherK0sFacts()),
              OnlyWhen.of(HostsContext::managesHosts, new ValidateFacts()),
              OnlyWhen.of(HostsContext::managesHosts, new RefuseRestoreOnRunningCluster()));
      case INSTALL ->
          OnlyWhen.all(
              HostsContext::managesHosts,
              List.of(
                  new CleanUpLeftovers(),
                  new StageK0sBinary(),
                  new UploadAirgapImages(),
                  new UploadFiles(),
                  new ConfigureRegistryMirrors(),
                  new ConfigureK0s(),
                  new RestartReconfiguredNodes(),
                  new RestoreK0s(),
                  new RunHooks("apply", RunHooks.When.BEFORE),
                  new InitializeK0s(),
                  new InstallControllers(),
                  new InstallWorkers(),
                  new UpgradeControllers(),
                  new UpgradeWorkers(),
                  new RestoreDisruptedNodes(),
                  new Reinstall(),
                  ResetHosts.marked(),
                  new RunHooks("apply", RunHooks.When.AFTER)));
      case KUBECONFIG -> List.of(new GetKubeconfig());
      case NODES -> List.of(new ReconcileNodeSettings());
      case COMPARE -> List.of(new CompareHosts());
      case STATUS -> List.of(new ReadHostStatus());
      case RESET ->
          List.of(
              new CleanUpLeftovers(),
              new RunHooks("reset", RunHooks.When.BEFORE),
              ResetHosts.all(),
              new RunHooks("reset", RunHooks.When.AFTER));
      case BACKUP -> List.of(new CleanUpLeftovers(), new TakeK0sBackup());
      case RELEASE -> List.of(new ReleaseLock(), new Disconnect());
    };
  }

  /** Host facts are validated where hosts are changed: apply with hosts, and reset. */
  private static boolean changesHosts(HostsContext ctx) {
    return ctx.managesHosts() || ctx.command() == Command.RESET;
  }

  /** The host lock is taken (checked, in a dry run) by apply with hosts, reset and backup. */
  private static boolean locksHosts(HostsContext ctx) {
    return ctx.command() == Command.RESET
        || ctx.command() == Command.BACKUP
        || ctx.command() == Command.APPLY && ctx.managesHosts();
  }
}
