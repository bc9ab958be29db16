package io.clusterfactory.cfctl.grendel.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelImage;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Upstream Grendel v0.2+: {@code /v1/nodes}, {@code /v1/images}, {@code /v1/bmc}, bearer token,
 * nodesets in the {@code nodeset} query parameter.
 */
final class UpstreamGrendelClient implements GrendelClient {
  private static final TypeReference<List<GrendelHost>> HOSTS = new TypeReference<>() {};
  private static final TypeReference<List<GrendelImage>> IMAGES = new TypeReference<>() {};
  private static final TypeReference<List<JobMessage>> JOBS = new TypeReference<>() {};
  private static final TypeReference<List<RedfishSystem>> SYSTEMS = new TypeReference<>() {};

  @JsonIgnoreProperties(ignoreUnknown = true)
  record JobMessage(
      @JsonProperty("status") String status,
      @JsonProperty("host") String host,
      @JsonProperty("msg") String msg) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record RedfishSystem(
      @JsonProperty("name") String name,
      @JsonProperty("host_name") String hostName,
      @JsonProperty("power_status") String powerStatus) {}

  private final ApiCaller api;

  UpstreamGrendelClient(ApiCaller api) {
    this.api = api;
  }

  @Override
  public ApiGeneration generation() {
    return ApiGeneration.V0_2;
  }

  @Override
  public String endpoint() {
    return api.endpoint();
  }

  @Override
  public List<GrendelHost> listNodes() {
    return api.call("GET", "/v1/nodes", null, HOSTS);
  }

  @Override
  public List<GrendelHost> findNodes(NodeSet nodes) {
    if (nodes.isEmpty()) {
      return List.of();
    }
    return api.call("GET", "/v1/nodes/find?nodeset=" + query(nodes), null, HOSTS);
  }

  @Override
  public List<GrendelImage> listImages() {
    return api.call("GET", "/v1/images", null, IMAGES);
  }

  @Override
  public void upsertImages(List<GrendelImage> images) {
    if (!images.isEmpty()) {
      api.call("POST", "/v1/images", Map.of("boot_images", images));
    }
  }

  @Override
  public void upsertNodes(List<GrendelHost> nodes) {
    if (!nodes.isEmpty()) {
      api.call("POST", "/v1/nodes", Map.of("node_list", nodes));
    }
  }

  @Override
  public void deleteNodes(NodeSet nodes) {
    if (!nodes.isEmpty()) {
      api.call("DELETE", "/v1/nodes?nodeset=" + query(nodes), null);
    }
  }

  @Override
  public void deleteImages(List<String> names) {
    if (!names.isEmpty()) {
      // the v0.2 handler reads "name" although the OpenAPI document says "names": send both
      String list = ApiCaller.encode(String.join(",", names));
      api.call("DELETE", "/v1/images?names=" + list + "&name=" + list, null);
    }
  }

  @Override
  public void provision(NodeSet nodes) {
    setProvision(nodes, true);
  }

  @Override
  public void unprovision(NodeSet nodes) {
    setProvision(nodes, false);
  }

  private void setProvision(NodeSet nodes, boolean provision) {
    if (!nodes.isEmpty()) {
      api.call(
          "PATCH", "/v1/nodes/provision?nodeset=" + query(nodes), Map.of("provision", provision));
    }
  }

  @Override
  public List<PowerResult> power(NodeSet nodes, PowerAction action) {
    if (nodes.isEmpty()) {
      return List.of();
    }
    List<JobMessage> jobs =
        api.call(
            "POST",
            "/v1/bmc/power/os?nodeset=" + query(nodes),
            Map.of("power_option", action.redfishResetType(), "boot_option", "None"),
            JOBS);
    List<PowerResult> results = new ArrayList<>(jobs.size());
    for (JobMessage job : jobs) {
      results.add(new PowerResult(job.host(), "success".equalsIgnoreCase(job.status()), job.msg()));
    }
    return results;
  }

  @Override
  public List<PowerStatus> powerStatus(NodeSet nodes) {
    if (nodes.isEmpty()) {
      return List.of();
    }
    List<RedfishSystem> systems = api.call("GET", "/v1/bmc?nodeset=" + query(nodes), null, SYSTEMS);
    List<PowerStatus> statuses = new ArrayList<>(systems.size());
    for (RedfishSystem system : systems) {
      statuses.add(
          new PowerStatus(
              system.name() != null ? system.name() : system.hostName(), system.powerStatus()));
    }
    return statuses;
  }

  private static String query(NodeSet nodes) {
    return ApiCaller.encode(nodes.fold());
  }

  @Override
  public void close() {
    api.close();
  }
}
