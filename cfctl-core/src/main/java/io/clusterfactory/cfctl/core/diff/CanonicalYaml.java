package io.clusterfactory.cfctl.core.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.error.InternalException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** YAML with sorted keys, so equal objects give equal text and diffs are stable. */
public final class CanonicalYaml {
  private static final ObjectMapper WRITER =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .build())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();
  private static final ObjectMapper READER = new YAMLMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private CanonicalYaml() {}

  /** Writes an object (maps, lists, scalars) as YAML with keys sorted at every level. */
  public static String write(Object value) {
    if (value == null) {
      return "";
    }
    try {
      return WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new InternalException("writing YAML for a diff: " + e.getOriginalMessage(), e);
    }
  }

  /** Deep copy of an object graph into plain maps and lists (any Jackson-bindable input). */
  public static Map<String, Object> toMap(Object value) {
    return READER.convertValue(value, MAP);
  }

  /**
   * Parses every document of a YAML text into maps; empty documents are skipped, non-map documents
   * are rejected.
   *
   * @throws IOException when the text is not YAML
   */
  public static List<Map<String, Object>> readDocuments(String text) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (MappingIterator<Object> it = READER.readerFor(Object.class).readValues(text)) {
      while (it.hasNext()) {
        Object doc = it.next();
        if (doc instanceof Map<?, ?> m) {
          docs.add(toMap(m));
        } else if (doc != null) {
          throw new IOException("a YAML document is not a mapping");
        }
      }
    }
    return docs;
  }
}
