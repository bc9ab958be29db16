package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * A chart as its archive holds it, with its subcharts (folders under {@code charts/} and the
 * packaged {@code charts/*.tgz} Helm writes there), read without Helm: what the values check needs
 * (templates, {@code values.yaml}, {@code values.schema.json}, {@code Chart.yaml}).
 *
 * @param name the chart's name ({@code Chart.yaml})
 * @param version the chart's version ({@code Chart.yaml})
 * @param files every file of the chart outside {@code charts/}, by path relative to the chart
 * @param subcharts the subcharts, by the key their values have in this chart's values (the
 *     dependency's alias, else the subchart's name)
 */
public record ChartArchive(
    String name, String version, Map<String, byte[]> files, Map<String, ChartArchive> subcharts) {

  private static final YAMLMapper YAML = new YAMLMapper();

  public ChartArchive {
    files = Map.copyOf(files);
    subcharts = Map.copyOf(subcharts);
  }

  /** Reads a {@code .tgz} chart archive. */
  public static ChartArchive read(byte[] tgz) throws IOException {
    Map<String, byte[]> all = new TreeMap<>();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
      byte[] header = new byte[512];
      String longName = null;
      while (in.readNBytes(header, 0, 512) == 512) {
        if (header[0] == 0) {
          break;
        }
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        String size = text(header, 124, 12).trim();
        long length = size.isEmpty() ? 0 : Long.parseLong(size, 8);
        byte type = header[156];
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
          throw new IOException("truncated chart archive");
        }
        in.readNBytes((int) ((512 - length % 512) % 512));
        if (type == 'L') {
          longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if (longName != null) {
          name = longName;
          longName = null;
        }
        if (type == '0' || type == 0) {
          all.put(name, body);
        }
      }
    }
    String top = all.keySet().stream().map(p -> p.split("/", 2)[0]).findFirst().orElse("");
    return of(top + "/", all);
  }

  private static ChartArchive of(String root, Map<String, byte[]> all) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, Map<String, byte[]>> folders = new TreeMap<>();
    List<byte[]> packaged = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : all.entrySet()) {
      if (!e.getKey().startsWith(root)) {
        continue;
      }
      String rel = e.getKey().substring(root.length());
      if (rel.startsWith("charts/")) {
        String rest = rel.substring("charts/".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
          if (rest.endsWith(".tgz")) {
            packaged.add(e.getValue());
          }
        } else {
          folders
              .computeIfAbsent(rest.substring(0, slash), k -> new TreeMap<>())
              .put(e.getKey(), e.getValue());
        }
      } else {
        files.put(rel, e.getValue());
      }
    }
    JsonNode meta = yaml(files.get("Chart.yaml"));
    List<ChartArchive> subs = new ArrayList<>();
    for (Map.Entry<String, Map<String, byte[]>> f : folders.entrySet()) {
      subs.add(of(root + "charts/" + f.getKey() + "/", f.getValue()));
    }
    for (byte[] tgz : packaged) {
      subs.add(read(tgz));
    }
    Map<String, ChartArchive> byKey = new TreeMap<>();
    for (ChartArchive s : subs) {
      String key = s.name();
      for (JsonNode d : meta.path("dependencies")) {
        if (s.name().equals(d.path("name").asText()) && d.hasNonNull("alias")) {
          key = d.get("alias").asText();
        }
      }
      byKey.put(key, s);
    }
    return new ChartArchive(
        meta.path("name").asText(root.replaceAll("/$", "").replaceAll(".*/", "")),
        meta.path("version").asText(""),
        files,
        byKey);
  }

  /** The chart's {@code Chart.yaml}. */
  public JsonNode metadata() {
    return yaml(files.get("Chart.yaml"));
  }

  /** The chart's own default values ({@code values.yaml}), an empty mapping when it has none. */
  public ObjectNode defaults() {
    return yaml(files.get("values.yaml")) instanceof ObjectNode o
        ? o
        : JsonNodeFactory.instance.objectNode();
  }

  /** The chart's {@code values.schema.json}, when it has one. */
  public Optional<byte[]> valuesSchema() {
    return Optional.ofNullable(files.get("values.schema.json"));
  }

  /** The text of every template and helper ({@code templates/**}), by path. */
  public Map<String, String> templates() {
    Map<String, String> out = new TreeMap<>();
    files.forEach(
        (path, bytes) -> {
          if (path.startsWith("templates/")) {
            out.put(path, new String(bytes, StandardCharsets.UTF_8));
          }
        });
    return out;
  }

  /** {@code name version}, for messages. */
  public String label() {
    return name + " " + version;
  }

  private static JsonNode yaml(byte[] bytes) {
    if (bytes == null) {
      return JsonNodeFactory.instance.missingNode();
    }
    try {
      JsonNode n = YAML.readTree(bytes);
      return n == null ? JsonNodeFactory.instance.missingNode() : n;
    } catch (IOException e) {
      return JsonNodeFactory.instance.missingNode();
    }
  }

  private static String text(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }
}
