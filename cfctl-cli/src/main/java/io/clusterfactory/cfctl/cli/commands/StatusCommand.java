package io.clusterfactory.cfctl.cli.commands;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.cli.HostsStages;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.cli.mixins.HostKeysOption;
import io.clusterfactory.cfctl.cli.mixins.KubeconfigOption;
import io.clusterfactory.cfctl.core.apply.HostsStage;
import io.clusterfactory.cfctl.core.apply.StacksStatus;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.StrictBinder;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.kube.KubeClients;
import io.clusterfactory.cfctl.k0s.HostsOptions;
import io.clusterfactory.cfctl.k0s.action.StatusAction;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    description = {
      "Hosts (reachable, role, k0s version, running), then each stack's ArgoCD Applications"
          + " (sync and health).",
      "Exit 0 when every host runs k0s and every Application is Synced and Healthy, else 1."
    })
public final class StatusCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text | json (default text)")
  String output;

  @Mixin KubeconfigOption kubeconfigOption;

  @Mixin HostKeysOption hostKeys;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!output.equals("text") && !output.equals("json")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "-o must be text or json");
    }
    LoadedConfig loaded = config.load(ValidationMode.APPLY);
    HostsOptions options =
        HostsOptions.defaults()
            .withHostKeys(HostsOptions.defaults().knownHosts(), hostKeys.acceptNew());
    List<StatusAction.HostStatus> hosts = new StatusAction(loaded, options).run();
    List<StacksStatus.AppStatus> apps = List.of();
    String stacksError = null;
    try (KubernetesClient client = KubeClients.fromKubeconfig(kubeconfig(loaded))) {
      apps = StacksStatus.read(client);
    } catch (CfctlException | KubernetesClientException e) {
      stacksError = e.getMessage();
    }
    boolean ok =
        hosts.stream().allMatch(StatusAction.HostStatus::ok)
            && stacksError == null
            && apps.stream().allMatch(StacksStatus.AppStatus::ok);
    var out = spec.commandLine().getOut();
    if (output.equals("json")) {
      out.println(json(hosts, apps, stacksError, ok));
    } else {
      out.println(text(hosts, apps, stacksError));
    }
    out.flush();
    return ok ? 0 : 1;
  }

  private String kubeconfig(LoadedConfig loaded) throws IOException {
    if (kubeconfigOption.file() != null) {
      return Files.readString(kubeconfigOption.file());
    }
    return HostsStages.create()
        .adminKubeconfig(
            loaded,
            null,
            new HostsStage.Options(false, -1, -1, hostKeys.acceptNew(), Duration.ofMinutes(2)));
  }

  static String text(
      List<StatusAction.HostStatus> hosts, List<StacksStatus.AppStatus> apps, String stacksError) {
    StringBuilder b = new StringBuilder("HOSTS\n");
    b.append(
        String.format(
            "  %-32s %-18s %-10s %-8s %s%n", "HOST", "ROLE", "REACHABLE", "K0S", "VERSION"));
    for (var h : hosts) {
      b.append(
          String.format(
              "  %-32s %-18s %-10s %-8s %s%s%n",
              h.host(),
              h.role(),
              h.reachable() ? "yes" : "no",
              h.running() ? "running" : "stopped",
              h.k0sVersion().isEmpty() ? "-" : h.k0sVersion(),
              h.message().isEmpty() ? "" : "  (" + h.message() + ")"));
    }
    b.append("STACKS\n");
    if (stacksError != null) {
      b.append("  unknown: ").append(stacksError).append('\n');
    } else if (apps.isEmpty()) {
      b.append("  no Application deployed yet (run `cfctl apply`)\n");
    } else {
      b.append(String.format("  %-14s %-26s %-10s %s%n", "STACK", "APPLICATION", "SYNC", "HEALTH"));
      for (var a : apps) {
        b.append(
            String.format("  %-14s %-26s %-10s %s%n", a.stack(), a.name(), a.sync(), a.health()));
      }
    }
    return b.toString().stripTrailing();
  }

  static String json(
      List<StatusAction.HostStatus> hosts,
      List<StacksStatus.AppStatus> apps,
      String stacksError,
      boolean ok)
      throws Exception {
    ObjectNode root = StrictBinder.mapper().createObjectNode();
    root.put("ok", ok);
    ArrayNode h = root.putArray("hosts");
    hosts.forEach(s -> h.add(StrictBinder.mapper().valueToTree(s)));
    ObjectNode stacks = root.putObject("stacks");
    if (stacksError != null) {
      stacks.put("error", stacksError);
    }
    ArrayNode a = stacks.putArray("applications");
    apps.forEach(s -> a.add(StrictBinder.mapper().valueToTree(s)));
    return StrictBinder.mapper()
        .writer()
        .with(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(root);
  }
}
