package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.core.config.StarterConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "init",
    description = {
      "Print a commented starter cluster.yaml.",
      "Example: cfctl init --controller-count 1 root@10.0.0.11 10.0.0.12 > cluster.yaml"
    })
public final class InitCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "ADDR",
      arity = "0..*",
      description = "Hosts as [user@]address[:port]; the first --controller-count are controllers")
  List<String> addresses = new ArrayList<>();

  @Option(names = "--controller-count", defaultValue = "1", description = "Default: 1")
  int controllerCount;

  @Option(
      names = "--controller-worker",
      description = "Controllers also run workloads (role controller+worker)")
  boolean controllerWorker;

  @Option(
      names = "--cluster-name",
      defaultValue = "k0s-cluster",
      description = "Default: k0s-cluster")
  String clusterName;

  @Option(names = "--user", defaultValue = "root", description = "SSH user when ADDR has none")
  String user;

  @Option(
      names = "--key-path",
      description = "SSH private key (default ~/.ssh/id_ed25519, id_rsa, then ssh-agent)")
  String keyPath;

  @Option(names = "--k0s-version", description = "Pin a k0s version, e.g. v1.31.2+k0s.0")
  String k0sVersion;

  @Option(
      names = "--gitops-url",
      description = "GitOps repository (default: a local bare repository file://$PWD/gitops.git)")
  String gitopsUrl;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    String url =
        gitopsUrl != null
            ? gitopsUrl
            : Path.of("gitops.git").toAbsolutePath().normalize().toUri().toString();
    var options =
        new StarterConfig.Options(
            clusterName,
            addresses,
            controllerCount,
            controllerWorker,
            user,
            keyPath,
            k0sVersion,
            url);
    spec.commandLine().getOut().print(StarterConfig.render(options));
    return 0;
  }
}
