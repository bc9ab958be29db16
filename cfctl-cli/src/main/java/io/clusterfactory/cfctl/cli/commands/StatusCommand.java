package io.clusterfactory.cfctl.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.cli.HostsStages;
import io.clusterfactory.cfctl.cli.StructuredOutput;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.cli.mixins.DurationConverter;
import io.clusterfactory.cfctl.cli.mixins.HostKeysOption;
import io.clusterfactory.cfctl.cli.mixins.KubeconfigOption;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ClusterStatusAction;
import io.clusterfactory.cfctl.core.apply.HostStatus;
import io.clusterfactory.cfctl.core.apply.StacksStatus;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.StrictBinder;
import io.clusterfactory.cfctl.core.config.ValidationMode;
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
      description = "text | json | yaml (default text)")
  String output;

  @Mixin KubeconfigOption kubeconfigOption;

  @Mixin HostKeysOption hostKeys;

  @Option(
      names = "--timeout",
      defaultValue = "2m",
      converter = DurationConverter.class,
      description = "Give up after this long (default 2m)")
  Duration timeout;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!output.equals("text") && !output.equals("json") && !output.equals("yaml")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "-o must be text, json or yaml, not " + output);
    }
    LoadedConfig loaded = config.load(ValidationMode.APPLY);
    ClusterStatusAction.StatusReport report =
        new ClusterStatusAction<>(HostsStages.hostPhases())
            .run(
                loaded,
                ApplyOptions.defaults()
                    .timeout(timeout)
                    .kubeconfig(kubeconfigOption.file())
                    .acceptNewHostKeys(hostKeys.acceptNew())
                    .sshTimeout(hostKeys.sshTimeout())
                    .build());
    var out = spec.commandLine().getOut();
    if (output.equals("text")) {
      out.println(text(report.hosts(), report.apps(), report.stacksError()));
      out.flush();
    } else {
      StructuredOutput.print(out, document(report), output.equals("yaml"));
    }
    return report.ok() ? 0 : 1;
  }

  static String text(
      List<HostStatus> hosts, List<StacksStatus.AppStatus> apps, String stacksError) {
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
            String.format(
                "  %-14s %-26s %-10s %s%s%n",
                a.stack(),
                a.name(),
                a.sync(),
                a.health(),
                a.problem().isEmpty() ? "" : "  (" + a.problem() + ")"));
      }
    }
    return b.toString().stripTrailing();
  }

  static JsonNode document(ClusterStatusAction.StatusReport report) {
    List<HostStatus> hosts = report.hosts();
    List<StacksStatus.AppStatus> apps = report.apps();
    String stacksError = report.stacksError();
    ObjectNode root = StrictBinder.mapper().createObjectNode();
    root.put("ok", report.ok());
    ArrayNode h = root.putArray("hosts");
    hosts.forEach(s -> h.add(StrictBinder.mapper().valueToTree(s)));
    ObjectNode stacks = root.putObject("stacks");
    if (stacksError != null) {
      stacks.put("error", stacksError);
    }
    ArrayNode a = stacks.putArray("applications");
    apps.forEach(s -> a.add(StrictBinder.mapper().valueToTree(s)));
    return root;
  }
}
