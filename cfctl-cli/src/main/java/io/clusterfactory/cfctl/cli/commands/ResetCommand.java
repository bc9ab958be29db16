package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.cli.HostsStages;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.cli.mixins.DurationConverter;
import io.clusterfactory.cfctl.cli.mixins.HostKeysOption;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ApplyReport;
import io.clusterfactory.cfctl.core.apply.ClusterResetAction;
import io.clusterfactory.cfctl.core.apply.Plan;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import java.io.Console;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "reset",
    description = {
      "Remove k0s from every host of the config (stop, k0s reset, remove binary and config).",
      "Asks to type the cluster name on a terminal; --force skips the question (needed in CI)."
    })
public final class ResetCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(names = "--force", description = "Do not ask for confirmation")
  boolean force;

  @Mixin HostKeysOption hostKeys;

  @Option(
      names = "--dry-run",
      description = "Print what reset would remove on each host; change nothing")
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
    LoadedConfig loaded = config.load(ValidationMode.APPLY);
    String name = loaded.cluster().metadata().name();
    if (!force && !dryRun) {
      Console console = System.console();
      if (console == null) {
        throw new InvalidInputException(
            "reset removes k0s and all its data from "
                + loaded.cluster().spec().hosts().size()
                + " hosts; refusing without a terminal to confirm",
            "add --force");
      }
      String answer =
          console.readLine(
              "This removes k0s and its data from every host of '%s'. Type the cluster name to"
                  + " confirm: ",
              name);
      if (answer == null || !answer.trim().equals(name)) {
        throw new OperationFailedException("reset cancelled: the answer was not '" + name + "'");
      }
    }
    ApplyReport report =
        new ClusterResetAction<>(HostsStages.hostPhases())
            .run(
                loaded,
                ApplyOptions.defaults()
                    .dryRun(dryRun)
                    .timeout(timeout)
                    .acceptNewHostKeys(hostKeys.acceptNew())
                    .sshTimeout(hostKeys.sshTimeout())
                    .build());
    if (dryRun) {
      spec.commandLine()
          .getOut()
          .print(Plan.of(true, report.changes(), report.hostPhases()).toText());
      spec.commandLine().getOut().flush();
      return 0;
    }
    spec.commandLine().getErr().println("k0s removed from the hosts of " + name);
    return 0;
  }
}
