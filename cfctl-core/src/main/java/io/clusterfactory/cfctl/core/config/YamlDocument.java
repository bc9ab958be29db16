package io.clusterfactory.cfctl.core.config;

import com.fasterxml.jackson.databind.JsonNode;

/** One parsed YAML document with the position of every key and value. */
public record YamlDocument(JsonNode root, SourceMap sourceMap, int startLine) {}
