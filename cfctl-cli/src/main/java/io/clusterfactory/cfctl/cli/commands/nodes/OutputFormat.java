package io.clusterfactory.cfctl.cli.commands.nodes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;

/** The {@code -o} values of the live nodes commands; yaml is the json document as YAML. */
enum OutputFormat {
  text,
  json,
  yaml;

  boolean structured() {
    return this != text;
  }

  /** {@code json} as this format wants it (json as is, yaml converted). */
  String document(String json) {
    if (this != yaml) {
      return json;
    }
    try {
      return CanonicalYaml.TREE.mapper().writeValueAsString(new ObjectMapper().readTree(json));
    } catch (JsonProcessingException e) {
      throw new InternalException("writing YAML: " + e.getOriginalMessage(), e);
    }
  }
}
