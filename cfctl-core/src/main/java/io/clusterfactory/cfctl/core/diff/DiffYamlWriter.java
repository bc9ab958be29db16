package io.clusterfactory.cfctl.core.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.clusterfactory.cfctl.core.error.InternalException;

/**
 * YAML output (kubectl's {@code -o yaml}): the JSON document of {@link DiffJsonWriter}, the same
 * schema, written as YAML. Strings that a YAML 1.1 reader would type otherwise are quoted.
 */
public final class DiffYamlWriter implements DiffRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

  @Override
  public String render(DiffReport report) {
    try {
      JsonNode tree = JSON.readTree(new DiffJsonWriter().render(report));
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new InternalException("writing the diff as YAML: " + e.getOriginalMessage(), e);
    }
  }
}
