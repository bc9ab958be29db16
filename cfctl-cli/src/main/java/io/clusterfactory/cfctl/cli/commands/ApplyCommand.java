package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.cli.HostsStages;
import io.clusterfactory.cfctl.cli.UploadProgressBars;
import io.clusterfactory.cfctl.cli.WaitProgressBars;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.cli.mixins.DurationConverter;
import io.clusterfactory.cfctl.cli.mixins.HostKeysOption;
import io.clusterfactory.cfctl.cli.mixins.KubeconfigOption;
import io.clusterfactory.cfctl.cli.mixins.LoggingMixin;
import io.clusterfactory.cfctl.cli.mixins.OnlyOption;
import io.clusterfactory.cfctl.core.airgap.OpenedBundle;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ApplyReport;
import io.clusterfactory.cfctl.core.apply.ClusterApplyAction;
import io.clusterfactory.cfctl.core.apply.Plan;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.pipeline.PhaseManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "apply",
    description = {
      "The whole pipeline: k0s on the hosts, the admin kubeconfig, the GitOps tree committed and"
          + " pushed, the stacks applied in order, waits until healthy.",
      "Idempotent: a second run changes nothing. --dry-run prints the plan and changes nothing."
    })
public final class ApplyCommand implements Callable<Integer> {
  private static final Logger logger = LoggerFactory.getLogger(ApplyCommand.class);

  @Mixin ConfigOption config;

  @Option(names = "--dry-run", description = "Print the plan per host and object; change nothing")
  boolean dryRun;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "Plan format with --dry-run: text | json | yaml (default text)")
  String output;

  @Mixin OnlyOption only;

  @Option(
      names = "--concurrency",
      defaultValue = "-1",
      description = "Hosts worked on at once (default: spec.options.concurrency.limit, 30)")
  int concurrency;

  @Option(
      names = "--concurrent-uploads",
      defaultValue = "-1",
      description = "Binary uploads at once (default: spec.options.concurrency.uploads, 5)")
  int concurrentUploads;

  @Option(
      names = "--hydrate",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Render every chart with Helm in-process first (default; --hydrate is accepted and"
              + " changes nothing): a chart that cannot be pulled, or whose archive is not the"
              + " digest of charts.lock.yaml, fails the run before anything is touched. --no-hydrate"
              + " skips it: chart objects are then not checked, and ArgoCD cannot be bootstrapped"
              + " on a new cluster (docs/helm.md)")
  boolean hydrate;

  @Option(
      names = "--bundle",
      paramLabel = "DIR",
      description =
          "Apply from an air-gap bundle (`cfctl airgap bundle`), checked first (every file's"
              + " sha256, the cluster, the k0s version): charts hydrated from it alone, the k0s"
              + " binary uploaded from it, its images/*.tar uploaded to each node's"
              + " <dataDir>/images/")
  Path bundle;

  @Option(names = "--no-wait", description = "Do not wait for the stacks to be healthy")
  boolean noWait;

  @Option(
      names = "--timeout",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description = "Give up after this long (default 30m)")
  Duration timeout;

  @Option(
      names = "--kubeconfig-out",
      paramLabel = "FILE",
      description = "Write the admin kubeconfig here (mode 0600)")
  Path kubeconfigOut;

  @Mixin KubeconfigOption kubeconfigOption;

  @Mixin HostKeysOption hostKeys;

  @Option(
      names = "--prune",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Delete objects cfctl applied before and no longer renders (default true)")
  boolean prune;

  @Option(names = "--force-conflicts", description = "Take over fields other managers own")
  boolean forceConflicts;

  @Option(
      names = "--no-drain",
      description =
          "Do not drain workers before upgrading or removing them"
              + " (overrides spec.options.drain.enabled)")
  boolean noDrain;

  @Option(names = "--message", paramLabel = "TEXT", description = "Git commit message")
  String message;

  @Option(
      names = "--restore-from",
      paramLabel = "BACKUP",
      description =
          "Restore a cfctl backup into a cluster whose controllers are gone (refused when k0s runs)")
  Path restoreFrom;

  @Option(
      names = "--decrypt-with",
      paramLabel = "KEYFILE",
      description =
          "OpenPGP private key (armored) of an encrypted backup; its passphrase from"
              + " $CFCTL_BACKUP_PASSPHRASE")
  Path decryptWith;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json") && !output.equals("yaml")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "-o must be text, json or yaml, not " + output);
    }
    if (!dryRun && spec.commandLine().getParseResult().hasMatchedOption("-o")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "-o formats the plan of --dry-run; add --dry-run or drop -o");
    }
    EnumSet<ApplyPart> parts = only.parts();
    // Local files (SSH keys, binaries) must exist only when this run contacts the hosts.
    boolean contactsHosts =
        parts.contains(ApplyPart.HOSTS)
            || (parts.contains(ApplyPart.STACKS) && kubeconfigOption.file() == null)
            || kubeconfigOut != null;
    LoadedConfig loaded =
        config.load(contactsHosts ? ValidationMode.APPLY : ValidationMode.OFFLINE);
    var err = spec.commandLine().getErr();
    loaded.warnings().forEach(w -> err.println(w.format()));
    // Bars only on an interactive terminal with colours; CI and pipes get plain lines.
    boolean bars = WaitProgressBars.wanted(LoggingMixin.of(spec.commandLine()).color());
    ApplyOptions options =
        ApplyOptions.defaults()
            .parts(parts)
            .dryRun(dryRun)
            .timeout(timeout)
            .noWait(noWait)
            .prune(prune)
            .forceConflicts(forceConflicts)
            .noDrain(noDrain)
            .concurrency(
                concurrency < 0 ? null : concurrency,
                concurrentUploads < 0 ? null : concurrentUploads)
            .acceptNewHostKeys(hostKeys.acceptNew())
            .sshTimeout(hostKeys.sshTimeout())
            .kubeconfig(kubeconfigOption.file())
            .kubeconfigOut(kubeconfigOut)
            .noHydrate(!hydrate)
            .commitMessage(message)
            .env(System.getenv())
            .progress(bars ? new WaitProgressBars(System.err) : null)
            .transfers(bars ? new UploadProgressBars(System.err) : null)
            .build();
    // a backup is checked (manifest, checksums, cluster name, key) before anything is touched
    var restore = RestoreOption.open(restoreFrom, decryptWith, parts, loaded);
    // so is an air-gap bundle: a changed file, another cluster or k0s version is exit 2
    OpenedBundle airgap = bundle == null ? null : OpenedBundle.open(bundle, loaded);
    long t0 = System.nanoTime();
    ApplyReport report =
        new ClusterApplyAction<>(HostsStages.hostPhases(), HostsStages.sealing(dryRun))
            .restoringFrom(restore)
            .fromBundle(airgap)
            .withHydrator(
                airgap != null
                    ? HostsStages.bundleHydrator(loaded, timeout, airgap)
                    : hydrate ? HostsStages.hydrator(loaded, timeout) : null)
            .run(loaded, options);
    report.notes().forEach(n -> logger.info("Note: {}", n));
    if (dryRun) {
      Plan plan = Plan.of(true, report.changes(), report.hostPhases());
      spec.commandLine()
          .getOut()
          .print(
              switch (output) {
                case "json" -> plan.toJson();
                case "yaml" -> plan.toYaml();
                default -> plan.toText();
              });
      spec.commandLine().getOut().flush();
      return 0;
    }
    logger.info(
        "==> Applied {} in {}: {} changes",
        parts.stream().map(ApplyPart::id).toList(),
        PhaseManager.format(Duration.ofNanos(System.nanoTime() - t0)),
        report.changes().size());
    logger.info(
        "Tip: see what the next change would do with `cfctl diff {}`; the cluster's health with"
            + " `cfctl status {}`",
        config.name(),
        config.name());
    return 0;
  }
}
