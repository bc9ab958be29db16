package io.clusterfactory.cfctl.cli.commands;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.clusterfactory.cfctl.core.config.ClusterSchema;
import io.clusterfactory.cfctl.core.config.StrictBinder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(
    name = "schema",
    description = "Print the JSON Schema of cluster.yaml (for editors and CI checks).")
public final class SchemaCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String json =
        StrictBinder.mapper()
            .writer()
            .with(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(ClusterSchema.generate());
    spec.commandLine().getOut().println(json);
    return 0;
  }
}
