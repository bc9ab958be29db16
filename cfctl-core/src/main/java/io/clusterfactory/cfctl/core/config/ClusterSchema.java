package io.clusterfactory.cfctl.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.Duration;
import io.clusterfactory.cfctl.core.config.v1beta1.LocalhostSpec;

/**
 * The JSON Schema of cluster.yaml, generated from the model records so it never drifts from what
 * the loader accepts.
 */
public final class ClusterSchema {
  private ClusterSchema() {}

  public static ObjectNode generate() {
    SchemaGeneratorConfigBuilder builder =
        new SchemaGeneratorConfigBuilder(
                StrictBinder.mapper(), SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                new JacksonModule(
                    JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY,
                    JacksonOption.RESPECT_JSONPROPERTY_ORDER))
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
            .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
            .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
            .with(Option.NULLABLE_FIELDS_BY_DEFAULT)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    builder
        .forTypesInGeneral()
        .withCustomDefinitionProvider(
            (type, context) -> {
              if (type.getErasedType() == Duration.class) {
                ObjectNode d = context.getGeneratorConfig().createObjectNode();
                d.put("type", "string");
                d.put("pattern", "^(0|(\\d+(\\.\\d+)?(ms|s|m|h))+)$");
                d.put("description", "A duration like 90s, 2m or 1h30m");
                return new com.github.victools.jsonschema.generator.CustomDefinition(d);
              }
              if (type.getErasedType() == LocalhostSpec.class) {
                ObjectNode d = context.getGeneratorConfig().createObjectNode();
                var any = d.putArray("anyOf");
                any.addObject().put("type", "boolean");
                ObjectNode obj = any.addObject();
                obj.put("type", "object");
                obj.putObject("properties").putObject("enabled").put("type", "boolean");
                obj.put("additionalProperties", false);
                return new com.github.victools.jsonschema.generator.CustomDefinition(d);
              }
              return null;
            });
    ObjectNode schema = new SchemaGenerator(builder.build()).generateSchema(Cluster.class);
    ObjectNode out = StrictBinder.mapper().createObjectNode();
    out.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    out.put("$id", "https://clusterfactory.io/schemas/cfctl/v1beta1/cluster.json");
    out.put("title", "cfctl Cluster (" + Cluster.API_VERSION + ")");
    out.setAll(schema);
    return out;
  }
}
