package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.cli.HostsStages;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.cli.mixins.DurationConverter;
import io.clusterfactory.cfctl.cli.mixins.HostKeysOption;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ClusterKubeconfigAction;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
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

  @Option(
      names = "--timeout",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Give up after this long (default 5m)")
  Duration timeout;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LoadedConfig loaded = config.load(ValidationMode.APPLY);
    // the key is registered with the redactor by the phase that fetches it
    String kubeconfig =
        new ClusterKubeconfigAction<>(HostsStages.hostPhases())
            .run(
                loaded,
                ApplyOptions.defaults()
                    .timeout(timeout)
                    .kubeconfigAddress(address)
                    .acceptNewHostKeys(hostKeys.acceptNew())
                    .sshTimeout(hostKeys.sshTimeout())
                    .build());
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
