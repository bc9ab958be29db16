package io.clusterfactory.cfctl.core.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.yaml.Yaml11Quoting;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reading and writing the YAML of Secrets and SealedSecrets. */
public final class SealedSecretManifest {
  /** Annotations kubectl and kubecfg fill with a full copy of the object: the clear Secret. */
  static final List<String> LAST_APPLIED_ANNOTATIONS =
      List.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          "kubecfg.ksonnet.io/last-applied-configuration");

  private static final YAMLMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .stringQuotingChecker(Yaml11Quoting.INSTANCE)
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .build();

  private SealedSecretManifest() {}

  /**
   * The manifest as YAML, without a document marker; the same resource always gives the same text.
   */
  public static String toYaml(GenericKubernetesResource sealedSecret) {
    try {
      return YAML.writeValueAsString(sealedSecret);
    } catch (JsonProcessingException e) {
      throw new InternalException("writing a SealedSecret as YAML: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a SealedSecret written by an earlier render.
   *
   * @param source the file name, for error messages
   */
  public static GenericKubernetesResource parse(String yaml, String source) {
    JsonNode document = singleDocument(yaml, source);
    String kind = document.path("kind").asText();
    if (!Sealer.KIND.equals(kind)) {
      throw new InvalidInputException(
          source + ": expected kind " + Sealer.KIND + ", found '" + kind + "'");
    }
    try {
      return YAML.treeToValue(document, GenericKubernetesResource.class);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(source + ": " + e.getOriginalMessage(), null, e);
    }
  }

  /**
   * Reads a Secret manifest: {@code data} values are base64, {@code stringData} values clear text
   * and win over {@code data} for the same key, as the API server merges them. Every value is
   * registered for redaction. Last-applied annotations are dropped (they hold the clear Secret).
   */
  public static SecretToSeal readSecret(String yaml, String source) {
    JsonNode document = singleDocument(yaml, source);
    List<String> problems = new ArrayList<>();
    if (!"Secret".equals(document.path("kind").asText())) {
      problems.add("kind: expected Secret, found '" + document.path("kind").asText() + "'");
    }
    if (!"v1".equals(document.path("apiVersion").asText())) {
      problems.add("apiVersion: expected v1, found '" + document.path("apiVersion").asText() + "'");
    }
    JsonNode metadata = document.path("metadata");
    String name = metadata.path("name").asText(null);
    if (name == null || name.isEmpty()) {
      problems.add("metadata.name: must be set");
    }
    SortedMap<String, String> labels =
        stringMap(metadata.path("labels"), "metadata.labels", problems);
    SortedMap<String, String> annotations =
        stringMap(metadata.path("annotations"), "metadata.annotations", problems);
    LAST_APPLIED_ANNOTATIONS.forEach(annotations::remove);

    SortedMap<String, SecretValue> data = new TreeMap<>();
    stringMap(document.path("data"), "data", problems)
        .forEach(
            (key, encoded) -> {
              try {
                byte[] value = Base64.getDecoder().decode(encoded.replaceAll("\\s", ""));
                Redactor.global().register(value);
                data.put(key, SecretValue.of(value));
              } catch (IllegalArgumentException e) {
                problems.add("data." + key + ": not valid base64 (use stringData for clear text)");
              }
            });
    stringMap(document.path("stringData"), "stringData", problems)
        .forEach(
            (key, value) -> {
              Redactor.global().register(value);
              data.put(key, SecretValue.of(value.getBytes(StandardCharsets.UTF_8)));
            });
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          source + ": not a Secret manifest cfctl can seal:\n  " + String.join("\n  ", problems));
    }
    JsonNode immutable = document.path("immutable");
    try {
      return new SecretToSeal(
          emptyToNull(metadata.path("namespace").asText(null)),
          name,
          SealingScope.fromAnnotations(annotations),
          document.path("type").asText(null),
          labels,
          annotations,
          data,
          immutable.isBoolean() ? immutable.booleanValue() : null);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage(), e.hint(), e);
    }
  }

  private static JsonNode singleDocument(String yaml, String source) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (iterator.hasNextValue()) {
        JsonNode node = iterator.nextValue();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          documents.add(node);
        }
      }
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      String where =
          location == null
              ? source
              : source + ":" + location.getLineNr() + ":" + location.getColumnNr();
      throw new InvalidInputException(where + ": " + e.getOriginalMessage(), null, e);
    } catch (IOException e) {
      throw new InvalidInputException(source + ": " + e.getMessage(), null, e);
    }
    if (documents.size() != 1 || !(documents.get(0) instanceof ObjectNode)) {
      throw new InvalidInputException(
          source
              + ": expected exactly one YAML document holding an object, found "
              + documents.size()
              + " documents");
    }
    return documents.get(0);
  }

  private static SortedMap<String, String> stringMap(
      JsonNode node, String path, List<String> problems) {
    SortedMap<String, String> result = new TreeMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return result;
    }
    if (!node.isObject()) {
      problems.add(path + ": expected a map");
      return result;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (field.getValue().isValueNode() && !field.getValue().isNull()) {
        result.put(field.getKey(), field.getValue().asText());
      } else {
        problems.add(path + "." + field.getKey() + ": expected a string");
      }
    }
    return result;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
