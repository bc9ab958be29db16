package io.clusterfactory.cfctl.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into Jackson trees while recording where every key and value is, and reports duplicate
 * keys (all of them, not just the first) instead of silently keeping the last one.
 */
public final class YamlReader {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  static final String SYNTAX_ERROR = "YAML syntax error: ";

  private YamlReader() {}

  /**
   * Parses every document of {@code text}. A syntax error is reported to {@code problems} with its
   * position and ends parsing (nothing after it can be trusted).
   */
  public static List<YamlDocument> read(String text, String source, Problems problems) {
    List<YamlDocument> docs = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        SourceMap map = new SourceMap(source);
        Problems docProblems = new Problems(map);
        JsonLocation start = p.currentTokenLocation();
        JsonNode root = readValue(p, t, "", map, docProblems);
        docProblems
            .all()
            .forEach(
                pr ->
                    problems.add(pr.severity(), pr.path(), pr.position(), pr.message(), pr.hint()));
        docs.add(new YamlDocument(root, map, start.getLineNr()));
      }
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String msg = e.getOriginalMessage().lines().findFirst().orElse("syntax error").trim();
      problems.add(
          Severity.ERROR,
          "",
          loc == null
              ? new Position(source, 1, 1)
              : new Position(source, loc.getLineNr(), Math.max(1, loc.getColumnNr())),
          SYNTAX_ERROR + msg,
          "check the indentation and quoting around this line");
    } catch (IOException e) {
      problems.add(
          Severity.ERROR,
          "",
          new Position(source, 1, 1),
          "cannot read YAML: " + e.getMessage(),
          null);
    }
    return docs;
  }

  private static JsonNode readValue(
      JsonParser p, JsonToken t, String path, SourceMap map, Problems problems) throws IOException {
    JsonLocation loc = p.currentTokenLocation();
    map.putValue(path, loc.getLineNr(), loc.getColumnNr());
    switch (t) {
      case START_OBJECT -> {
        ObjectNode obj = NODES.objectNode();
        Map<String, Integer> firstLine = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation keyLoc = p.currentTokenLocation();
          String childPath = SourceMap.child(path, key);
          JsonToken vt = p.nextToken();
          if (firstLine.containsKey(key)) {
            problems.add(
                Severity.ERROR,
                childPath,
                new Position(map.source(), keyLoc.getLineNr(), keyLoc.getColumnNr()),
                "duplicate key '" + key + "' (first defined on line " + firstLine.get(key) + ")",
                "remove one of the two");
            readValue(p, vt, childPath + "#dup", new SourceMap(map.source()), problems);
            continue;
          }
          firstLine.put(key, keyLoc.getLineNr());
          map.putKey(childPath, keyLoc.getLineNr(), keyLoc.getColumnNr());
          obj.set(key, readValue(p, vt, childPath, map, problems));
        }
        return obj;
      }
      case START_ARRAY -> {
        ArrayNode arr = NODES.arrayNode();
        int i = 0;
        JsonToken et;
        while ((et = p.nextToken()) != JsonToken.END_ARRAY) {
          arr.add(readValue(p, et, SourceMap.index(path, i++), map, problems));
        }
        return arr;
      }
      case VALUE_STRING -> {
        return NODES.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDecimalValue());
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> {
        return NODES.textNode(p.getText());
      }
    }
  }
}
