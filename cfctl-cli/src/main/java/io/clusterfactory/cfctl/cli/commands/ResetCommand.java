package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.cli.mixins.HostKeysOption;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.k0s.HostsOptions;
import io.clusterfactory.cfctl.k0s.action.ResetAction;
import java.io.Console;
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

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LoadedConfig loaded = config.load(ValidationMode.APPLY);
    String name = loaded.cluster().metadata().name();
    if (!force) {
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
    HostsOptions options =
        HostsOptions.defaults()
            .withHostKeys(HostsOptions.defaults().knownHosts(), hostKeys.acceptNew());
    new ResetAction(loaded, options).run();
    spec.commandLine().getErr().println("k0s removed from the hosts of " + name);
    return 0;
  }
}
