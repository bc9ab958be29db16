package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.cli.HostsStages;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.cli.mixins.HostKeysOption;
import io.clusterfactory.cfctl.core.apply.HostsStage;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.secrets.Redactor;
import io.clusterfactory.cfctl.core.secrets.SecureFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "kubeconfig",
    description = {
      "Print the admin kubeconfig (from `k0s kubeconfig admin` on the leader) on stdout.",
      "The server is the controller's address, or spec.k0s.config.spec.api.externalAddress,"
          + " or --address; cluster, context and user are named after metadata."
    })
public final class KubeconfigCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(names = "--address", description = "Use this API address (host or host:port)")
  String address;

  @Option(
      names = "--kubeconfig-out",
      paramLabel = "FILE",
      description = "Write it to FILE (mode 0600) instead of stdout")
  Path out;

  @Mixin HostKeysOption hostKeys;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LoadedConfig loaded = config.load(ValidationMode.APPLY);
    String kubeconfig =
        HostsStages.create()
            .adminKubeconfig(
                loaded,
                address,
                new HostsStage.Options(false, -1, -1, hostKeys.acceptNew(), Duration.ofMinutes(5)));
    // The client key and token must never reach a log, whatever the verbosity.
    kubeconfig
        .lines()
        .map(String::trim)
        .filter(l -> l.startsWith("client-key-data:") || l.startsWith("token:"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .forEach(Redactor.global()::register);
    if (out != null) {
      SecureFiles.writePrivate(out, kubeconfig.getBytes(StandardCharsets.UTF_8));
      spec.commandLine().getErr().println("Kubeconfig written to " + out + " (mode 0600)");
    } else {
      spec.commandLine().getOut().print(kubeconfig);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
