package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.core.config.EditDistance;
import io.clusterfactory.cfctl.core.config.InvalidConfigException;
import io.clusterfactory.cfctl.core.config.Position;
import io.clusterfactory.cfctl.core.config.Problems;
import io.clusterfactory.cfctl.core.config.Severity;
import io.clusterfactory.cfctl.core.config.SourceMap;
import io.clusterfactory.cfctl.core.config.YamlDocument;
import io.clusterfactory.cfctl.core.config.YamlReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a chart lock file, as cluster.yaml is read: every problem collected with its YAML path and
 * file:line:column, then one {@link InvalidConfigException} (exit 2) listing them all. No field is
 * accepted and then ignored.
 */
final class ChartLockReader {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final List<String> TOP = List.of("apiVersion", "kind", "charts");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final List<String> FIELDS = List.of("repository", "chart", "version", "digest");
  private static final List<String> KNOWN =
      List.of("repository", "chart", "version", "commit", "digest");

  private ChartLockReader() {}

  static ChartLock read(String text, String source) {
    Problems syntax = new Problems(null);
    List<YamlDocument> docs = YamlReader.read(text, source, syntax);
    syntax.throwIfErrors(source);
    if (docs.size() != 1) {
      syntax.add(
          Severity.ERROR,
          "",
          docs.size() > 1
              ? new Position(source, docs.get(1).startLine(), 1)
              : new Position(source, 1, 1),
          docs.isEmpty() ? "the lock file is empty" : "the lock file has more than one document",
          "a lock is one document: apiVersion, kind and charts");
      syntax.throwIfErrors(source);
    }
    YamlDocument doc = docs.get(0);
    SourceMap map = doc.sourceMap();
    Problems problems = new Problems(map);
    JsonNode root = doc.root();
    if (!root.isObject()) {
      problems.error("", "the lock file must be a mapping (apiVersion, kind, charts)");
      problems.throwIfErrors(source);
    }
    unknownKeys(root, "", TOP, problems);
    expect(root, "apiVersion", ChartLock.API_VERSION, map, problems);
    expect(root, "kind", ChartLock.KIND, map, problems);
    List<ChartLock.Entry> entries = new ArrayList<>();
    JsonNode charts = root.get("charts");
    if (charts == null) {
      problems.error("", "charts is missing", "write `charts: []` for a lock without entries");
    } else if (!charts.isArray()) {
      problems.error("charts", "charts must be a list of {repository, chart, version, digest}");
    } else {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < charts.size(); i++) {
        String path = "charts[" + i + "]";
        JsonNode e = charts.get(i);
        if (!e.isObject()) {
          problems.error(path, "an entry must be a mapping of repository, chart, version, digest");
          continue;
        }
        unknownKeys(e, path, KNOWN, problems);
        String[] values = new String[FIELDS.size()];
        for (int f = 0; f < FIELDS.size(); f++) {
          values[f] = text(e, path, FIELDS.get(f), map, problems);
        }
        String digest = values[3];
        if (digest != null && !DIGEST.matcher(digest).matches()) {
          problems.error(
              path + ".digest",
              "'" + digest + "' is not a digest",
              "a digest is sha256: and 64 lowercase hex digits, as `--update-lock` writes it");
          digest = null;
        }
        String commit = e.has("commit") ? text(e, path, "commit", map, problems) : null;
        if (commit != null && !COMMIT.matcher(commit).matches()) {
          problems.error(
              path + ".commit",
              "'" + commit + "' is not a commit id",
              "a Git chart's commit is 40 lowercase hex digits, as `--update-lock` writes it");
          continue;
        }
        if (values[0] == null || values[1] == null || values[2] == null || digest == null) {
          continue;
        }
        ChartLock.Entry entry =
            new ChartLock.Entry(values[0], values[1], values[2], digest, commit);
        Integer first = seen.putIfAbsent(entry.label(), i);
        if (first != null) {
          problems.error(
              path,
              "chart " + entry.label() + " is locked twice (first at charts[" + first + "])",
              "keep one entry per repository, chart and version");
          continue;
        }
        entries.add(entry);
      }
    }
    problems.throwIfErrors(source);
    return new ChartLock(entries);
  }

  private static void unknownKeys(JsonNode node, String path, List<String> known, Problems p) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!known.contains(k)) {
        List<String> close = EditDistance.closeNames(k, known);
        p.keyError(
            path.isEmpty() ? k : path + "." + k,
            "unknown field '" + k + "'",
            close.isEmpty()
                ? "known: " + String.join(", ", known)
                : "did you mean " + close.get(0) + "?");
      }
    }
  }

  private static void expect(
      JsonNode root, String key, String want, SourceMap map, Problems problems) {
    String got = text(root, "", key, map, problems);
    if (got != null && !got.equals(want)) {
      problems.error(key, key + " must be " + want + ", not '" + got + "'");
    }
  }

  /**
   * A text field as written: a plain scalar YAML types as a number ({@code 1.10}) reads as text.
   */
  private static String text(
      JsonNode parent, String parentPath, String key, SourceMap map, Problems problems) {
    String path = parentPath.isEmpty() ? key : parentPath + "." + key;
    JsonNode v = parent.get(key);
    if (v == null || v.isNull()) {
      problems.error(path, key + " is missing");
      return null;
    }
    String text = v.isTextual() ? v.asText() : map.plainText(path);
    if (text == null || v.isContainerNode()) {
      problems.error(path, key + " must be a text");
      return null;
    }
    if (text.isBlank()) {
      problems.error(path, key + " is empty");
      return null;
    }
    return text;
  }
}
