package io.clusterfactory.cfctl.k0s.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import java.io.IOException;

/**
 * Rewrites the admin kubeconfig k0s prints: the server becomes an address reachable from here, and
 * the cluster, context and user take the names of cluster.yaml.
 */
public final class Kubeconfigs {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  private Kubeconfigs() {}

  /** {@code https://host:port}, IPv6 literals bracketed. */
  public static String serverUrl(String address, int port) {
    String host = address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    return "https://" + host + ":" + port;
  }

  /**
   * Keeps the current context (or the only one) and its cluster and user, renamed, with the server
   * replaced.
   */
  public static String rewrite(String kubeconfig, String server, String clusterName, String user) {
    JsonNode root;
    try {
      root = YAML.readTree(kubeconfig);
    } catch (IOException e) {
      throw new OperationFailedException("k0s printed an admin kubeconfig that is not YAML", e);
    }
    if (root == null || !root.isObject()) {
      throw new OperationFailedException("k0s printed an empty admin kubeconfig");
    }
    String currentContext = root.path("current-context").asText("");
    JsonNode context = find(root.path("contexts"), currentContext);
    if (context == null) {
      throw new OperationFailedException("the admin kubeconfig has no context " + currentContext);
    }
    JsonNode cluster =
        find(root.path("clusters"), context.path("context").path("cluster").asText());
    JsonNode userEntry = find(root.path("users"), context.path("context").path("user").asText());
    if (cluster == null || userEntry == null) {
      throw new OperationFailedException("the admin kubeconfig's context names no cluster or user");
    }
    ObjectNode out = YAML.createObjectNode();
    out.put("apiVersion", root.path("apiVersion").asText("v1"));
    out.put("kind", root.path("kind").asText("Config"));
    ObjectNode c = out.putArray("clusters").addObject();
    ObjectNode clusterBody = ((ObjectNode) cluster.path("cluster")).deepCopy();
    clusterBody.put("server", server);
    c.set("cluster", clusterBody);
    c.put("name", clusterName);
    ObjectNode ctx = out.putArray("contexts").addObject();
    ctx.putObject("context").put("cluster", clusterName).put("user", user);
    ctx.put("name", clusterName);
    out.put("current-context", clusterName);
    out.putObject("preferences");
    ObjectNode u = out.putArray("users").addObject();
    u.put("name", user);
    u.set("user", userEntry.path("user").deepCopy());
    try {
      return YAML.writeValueAsString(out);
    } catch (IOException e) {
      throw new OperationFailedException("writing the kubeconfig", e);
    }
  }

  private static JsonNode find(JsonNode list, String name) {
    if (list.size() == 1 && (name == null || name.isEmpty())) {
      return list.get(0);
    }
    for (JsonNode n : list) {
      if (n.path("name").asText().equals(name)) {
        return n;
      }
    }
    return list.size() == 1 ? list.get(0) : null;
  }
}
