package io.clusterfactory.cfctl.k0s.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.clusterfactory.cfctl.core.yaml.Yaml11Quoting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders a controller's /etc/k0s/k0s.yaml: the ClusterConfig of spec.k0s.config (or the one {@code
 * k0s config create} prints), with every controller address added to the API SANs and the
 * controller's own address as etcd peer address. Pure: same input, same bytes.
 */
public final class K0sConfigs {
  public static final String HEADER =
      "# Written by cfctl from spec.k0s.config of cluster.yaml; edits here are overwritten.\n";

  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .stringQuotingChecker(Yaml11Quoting.INSTANCE)
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private K0sConfigs() {}

  /**
   * The file content for one controller.
   *
   * @param base the ClusterConfig as a tree (spec.k0s.config, or parsed `k0s config create`)
   * @param sans every controller's addresses
   * @param peerAddress this controller's private address (etcd peer), or null
   */
  public static String render(JsonNode base, Iterable<String> sans, String peerAddress) {
    return render(base, sans, peerAddress, null);
  }

  /**
   * The same, with k0s's system images pulled from {@code imageRepository} (spec.registries.mirror)
   * unless the ClusterConfig names a repository itself.
   */
  public static String render(
      JsonNode base, Iterable<String> sans, String peerAddress, String imageRepository) {
    ObjectNode root =
        base == null || !base.isObject() ? YAML.createObjectNode() : ((ObjectNode) base).deepCopy();
    if (!root.has("apiVersion")) {
      root.put("apiVersion", "k0s.k0sproject.io/v1beta1");
    }
    if (!root.has("kind")) {
      root.put("kind", "ClusterConfig");
    }
    if (!root.has("metadata")) {
      root.putObject("metadata").put("name", "k0s");
    }
    ObjectNode spec =
        root.has("spec") && root.get("spec").isObject()
            ? (ObjectNode) root.get("spec")
            : root.putObject("spec");
    ObjectNode api =
        spec.has("api") && spec.get("api").isObject()
            ? (ObjectNode) spec.get("api")
            : spec.putObject("api");
    TreeSet<String> all = new TreeSet<>();
    api.path("sans").forEach(s -> all.add(s.asText()));
    sans.forEach(
        s -> {
          if (s != null && !s.isEmpty()) {
            all.add(s);
          }
        });
    ArrayNode sanArray = api.putArray("sans");
    all.forEach(sanArray::add);
    if (imageRepository != null && spec.path("images").path("repository").asText("").isEmpty()) {
      ObjectNode images =
          spec.has("images") && spec.get("images").isObject()
              ? (ObjectNode) spec.get("images")
              : spec.putObject("images");
      images.put("repository", imageRepository);
    }
    if (peerAddress != null) {
      JsonNode storage = spec.path("storage");
      String type = storage.path("type").asText("etcd");
      if (type.equals("etcd")) {
        ObjectNode st = storage.isObject() ? (ObjectNode) storage : spec.putObject("storage");
        ObjectNode etcd =
            st.has("etcd") && st.get("etcd").isObject()
                ? (ObjectNode) st.get("etcd")
                : st.putObject("etcd");
        etcd.put("peerAddress", peerAddress);
      }
    }
    try {
      return HEADER + YAML.writeValueAsString(YAML.treeToValue(root, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(Map<String, Object> config) {
    return config == null || config.isEmpty() ? null : YAML.valueToTree(config);
  }

  /** Parses YAML text to a tree; null when it is empty or not YAML. */
  public static JsonNode parse(String text) {
    try {
      JsonNode n = YAML.readTree(text);
      return n == null || n.isMissingNode() || n.isNull() ? null : n;
    } catch (IOException e) {
      return null;
    }
  }

  /** The same configuration, whatever the formatting and comments. */
  public static boolean same(String a, String b) {
    JsonNode ta = parse(a);
    return ta != null && ta.equals(parse(b));
  }
}
