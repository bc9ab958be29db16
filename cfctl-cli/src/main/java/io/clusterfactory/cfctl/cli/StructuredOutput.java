package io.clusterfactory.cfctl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clusterfactory.cfctl.core.config.StrictBinder;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.PrintWriter;

/**
 * What {@code -o json} and {@code -o yaml} print: one document with the same fields in both, the
 * way kubectl offers the two. YAML goes through the tree writer's mapper, so its quoting rules (a
 * string that a YAML 1.1 reader would type is quoted) hold here too.
 */
public final class StructuredOutput {
  private StructuredOutput() {}

  /** Prints {@code doc} as indented JSON, or as YAML when {@code yaml}. */
  public static void print(PrintWriter out, JsonNode doc, boolean yaml) {
    try {
      if (yaml) {
        out.print(CanonicalYaml.TREE.mapper().writeValueAsString(doc));
      } else {
        out.println(
            StrictBinder.mapper()
                .writer()
                .with(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(doc));
      }
      out.flush();
    } catch (JsonProcessingException e) {
      throw new InternalException("cannot write the output: " + e.getMessage(), e);
    }
  }
}
