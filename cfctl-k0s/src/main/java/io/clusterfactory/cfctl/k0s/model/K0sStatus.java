package io.clusterfactory.cfctl.k0s.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.config.v1beta1.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code k0s status -o json} says about a running k0s.
 *
 * @param version the running version
 * @param pid the k0s supervisor's pid
 * @param role {@code controller} or {@code worker} as k0s reports it
 * @param workloads a controller that also runs workloads
 * @param singleNode a {@code --single} controller
 * @param args the command line k0s runs with (the installed flags)
 */
public record K0sStatus(
    K0sVersion version,
    long pid,
    String role,
    boolean workloads,
    boolean singleNode,
    List<String> args) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses the JSON; throws IllegalArgumentException when it is not k0s status output. */
  public static K0sStatus parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.has("Version") || !root.has("Role")) {
      throw new IllegalArgumentException("no Version/Role in k0s status output");
    }
    List<String> args = new ArrayList<>();
    root.path("Args").forEach(a -> args.add(a.asText()));
    return new K0sStatus(
        K0sVersion.parse(root.path("Version").asText()),
        root.path("Pid").asLong(0),
        root.path("Role").asText(),
        root.path("Workloads").asBoolean(false),
        root.path("SingleNode").asBoolean(false),
        List.copyOf(args));
  }

  /** The cluster.yaml role this status corresponds to. */
  public Role asRole() {
    if (!role.startsWith("controller") && !role.equals("single")) {
      return Role.WORKER;
    }
    if (singleNode || role.equals("single")) {
      return Role.SINGLE;
    }
    return workloads || role.endsWith("+worker") ? Role.CONTROLLER_WORKER : Role.CONTROLLER;
  }
}
