package io.clusterfactory.cfctl.core.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;

/**
 * YAML output (kubectl's {@code -o yaml}): the JSON document of {@link DiffJsonWriter}, the same
 * schema, written as YAML. Strings that a YAML 1.1 reader would type otherwise are quoted.
 */
public final class DiffYamlWriter implements DiffRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String render(DiffReport report) {
    try {
      JsonNode tree = JSON.readTree(new DiffJsonWriter().render(report));
      return CanonicalYaml.TREE.mapper().writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new InternalException("writing the diff as YAML: " + e.getOriginalMessage(), e);
    }
  }
}
