package io.clusterfactory.cfctl.core.config;

import java.util.List;

/**
 * A YAML node as written, before aliases and merge keys are expanded: an alias is a reference to
 * the anchored node, so a value shared by several places is read once and keeps its own position.
 */
sealed interface YamlNode {
  Position position();

  /** A scalar as written: its text, whether it was plain, and its explicit tag if any. */
  record Scalar(String text, boolean plain, String tag, Position position) implements YamlNode {}

  record Sequence(List<YamlNode> items, Position position) implements YamlNode {}

  /**
   * A mapping in document order; merge entries ({@code <<: *base}) hold the mappings they merge.
   */
  record Mapping(List<Entry> entries, Position position) implements YamlNode {}

  /** {@code *name}: the anchored node, used at the alias's own position. */
  record Alias(String name, YamlNode target, Position position) implements YamlNode {}

  /**
   * One key and its value; for a merge entry, {@code merged} lists the mappings merged in order of
   * precedence and {@code value} is the written value.
   */
  record Entry(String key, Position keyPosition, YamlNode value, List<YamlNode> merged) {
    boolean isMerge() {
      return merged != null;
    }
  }
}
