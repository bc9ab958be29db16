package io.clusterfactory.cfctl.cli.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.cli.CfctlVersion;
import io.clusterfactory.cfctl.cli.StructuredOutput;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.CfctlException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "version",
    description = {
      "Print cfctl's version; with a config file, also the k0s version it pins.",
      "Always exits 0: a config that cannot be read is reported as a warning."
    })
public final class VersionCommand implements Callable<Integer> {
  enum Format {
    text,
    json,
    yaml
  }

  @Mixin ConfigOption config;

  @Option(
      names = {"-o", "--output"},
      description = "text | json | yaml (default text)",
      defaultValue = "text")
  Format output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("cfctl", CfctlVersion.version());
    String k0sLine = null;
    // Only a config asked for is read: a broken ./cluster.yaml must not make `version` fail.
    if (config.given()) {
      try {
        LoadedConfig loaded = config.load(ValidationMode.OFFLINE);
        String k0s = loaded.cluster().spec().k0s().version();
        ObjectNode k0sNode = doc.putObject("k0s");
        k0sNode.put("version", k0s);
        k0sNode.put("config", loaded.source());
        k0sLine =
            "k0s "
                + (k0s == null ? "(not pinned: apply uses the running or latest stable)" : k0s)
                + " ("
                + loaded.source()
                + ")";
      } catch (CfctlException e) {
        spec.commandLine()
            .getErr()
            .println("warning: no k0s version from " + config.name() + ": " + e.getMessage());
      }
    }
    if (output == Format.text) {
      out.println(CfctlVersion.line());
      if (k0sLine != null) {
        out.println(k0sLine);
      }
    } else {
      StructuredOutput.print(out, doc, output == Format.yaml);
    }
    return 0;
  }
}
