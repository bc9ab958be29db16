package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.cli.ExitOverride;
import io.clusterfactory.cfctl.cli.HostsStages;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.cli.mixins.DurationConverter;
import io.clusterfactory.cfctl.cli.mixins.HostKeysOption;
import io.clusterfactory.cfctl.cli.mixins.KubeconfigOption;
import io.clusterfactory.cfctl.cli.mixins.LoggingMixin;
import io.clusterfactory.cfctl.cli.mixins.OnlyOption;
import io.clusterfactory.cfctl.core.airgap.OpenedBundle;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterDiffAction;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.diff.DiffExitCodes;
import io.clusterfactory.cfctl.core.diff.DiffFormat;
import io.clusterfactory.cfctl.core.diff.DiffReport;
import io.clusterfactory.cfctl.core.diff.NotHydrated;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.UnhydratedChartsException;
import io.clusterfactory.cfctl.core.hydrate.Hydrator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "diff",
    description = {
      "Show what apply would change: hosts, the Git tree, live objects. Changes nothing.",
      "Exit 0 no change, 1 changes, 2 invalid input, 3 unreachable"
          + " (--detailed-exitcode: 0 no change, 2 changes, 1 error).",
      "In CI on a fork: cfctl diff --offline -o markdown (no SSH, no cluster credentials)."
    })
public final class DiffCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text | json | yaml | markdown (default text)")
  String output;

  @Mixin OnlyOption only;

  @Option(
      names = "--offline",
      description = "Compare the rendered tree with Git only: no SSH, no cluster credentials")
  boolean offline;

  @Option(
      names = "--base",
      paramLabel = "REF",
      description = "Branch or commit to compare the tree with (default: the repository branch)")
  String base;

  @Mixin KubeconfigOption kubeconfigOption;

  @Option(
      names = "--prune",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Show objects apply would prune (default true)")
  boolean prune;

  @Option(
      names = "--timeout",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Give up after this long (default 5m)")
  Duration timeout;

  @Mixin HostKeysOption hostKeys;

  @Option(
      // terraform spells it with one dash; both are accepted
      names = {"--detailed-exitcode", "-detailed-exitcode"},
      description = "terraform's convention: 0 no change, 2 changes, 1 error")
  boolean detailedExitCode;

  @Option(
      names = "--hydrate",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Render every chart with Helm in-process and compare the objects it makes (default;"
              + " --hydrate is accepted and changes nothing). A chart that cannot be hydrated is"
              + " listed, the rest compared, and the diff exits 3 (2 when refused by"
              + " charts.lock.yaml), as apply would refuse it. --no-hydrate compares the tree and"
              + " the Applications only (CI without the chart repositories; docs/ci.md)")
  boolean hydrate;

  @Option(
      names = "--bundle",
      paramLabel = "DIR",
      description =
          "As apply --bundle: the bundle checked first, charts hydrated from it alone (implies"
              + " --hydrate), the k0s binary and images/*.tar planned from it")
  Path bundle;

  @Spec CommandLine.Model.CommandSpec spec;

  /**
   * The Helm hydrator of this diff, or null with {@code --no-hydrate}: no chart objects are
   * compared (the diff of the tree and the Applications only).
   */
  private Hydrator hydrator(LoadedConfig loaded) {
    return hydrate ? HostsStages.hydrator(loaded, timeout) : null;
  }

  @Override
  public Integer call() {
    DiffExitCodes.Convention convention =
        detailedExitCode ? DiffExitCodes.Convention.DETAILED : DiffExitCodes.Convention.DEFAULT;
    try {
      DiffFormat format = DiffFormat.parse(output);
      var parts = only.parts();
      // Local files (SSH keys) must exist only when this diff contacts the hosts.
      boolean contactsHosts =
          !offline
              && (parts.contains(ApplyPart.HOSTS)
                  || (parts.contains(ApplyPart.STACKS) && kubeconfigOption.file() == null));
      LoadedConfig loaded =
          config.load(contactsHosts ? ValidationMode.APPLY : ValidationMode.OFFLINE);
      var err = spec.commandLine().getErr();
      loaded.warnings().forEach(w -> err.println(w.format()));
      ApplyOptions options =
          ApplyOptions.defaults()
              .parts(parts)
              .dryRun(true)
              .offline(offline)
              .baseRef(base)
              .kubeconfig(kubeconfigOption.file())
              .prune(prune)
              .timeout(timeout)
              .noHydrate(!hydrate)
              .acceptNewHostKeys(hostKeys.acceptNew())
              .sshTimeout(hostKeys.sshTimeout())
              .env(System.getenv())
              .build();
      OpenedBundle airgap = bundle == null ? null : OpenedBundle.open(bundle, loaded);
      DiffReport report =
          new ClusterDiffAction<>(
                  HostsStages.hostPhases(),
                  HostsStages.sealing(true),
                  airgap != null
                      ? HostsStages.bundleHydrator(loaded, timeout, airgap)
                      : hydrator(loaded))
              .fromBundle(airgap)
              .run(loaded, options);
      boolean colour = LoggingMixin.of(spec.commandLine()).color() && format == DiffFormat.TEXT;
      spec.commandLine().getOut().print(format.renderer(colour).render(report));
      spec.commandLine().getOut().flush();
      if (report.lockRefused()) {
        err.println(
            "Error: a chart's archive is not the digest its lock entry pins (listed as not"
                + " hydrated above); apply would refuse this input (docs/helm.md)");
      } else if (report.hydrationBlocksApply()) {
        long n = report.hydrated().notCompared().stream().filter(NotHydrated::blocksApply).count();
        err.println(
            "Error: "
                + n
                + " chart(s) could not be hydrated (listed above as not hydrated), so apply would"
                + " stop before touching anything; check the chart repositories are reachable, or"
                + " diff with "
                + UnhydratedChartsException.NO_HYDRATE);
      }
      return DiffExitCodes.forReport(report, convention);
    } catch (CfctlException e) {
      throw new ExitOverride(e, DiffExitCodes.forError(e.exitCode(), convention));
    }
  }
}
