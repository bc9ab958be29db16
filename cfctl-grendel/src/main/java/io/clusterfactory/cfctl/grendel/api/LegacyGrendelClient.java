package io.clusterfactory.cfctl.grendel.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelImage;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.List;

/**
 * The legacy API (ubccr/grendel up to v0.0.15 and the SquareFactory fork): {@code /v1/host...} and
 * {@code /v1/bootimage...}, no authentication, nodesets as the last path segment.
 */
final class LegacyGrendelClient implements GrendelClient {
  private static final TypeReference<List<GrendelHost>> HOSTS = new TypeReference<>() {};
  private static final TypeReference<List<GrendelImage>> IMAGES = new TypeReference<>() {};

  private final ApiCaller api;

  LegacyGrendelClient(ApiCaller api) {
    this.api = api;
  }

  @Override
  public ApiGeneration generation() {
    return ApiGeneration.LEGACY;
  }

  @Override
  public String endpoint() {
    return api.endpoint();
  }

  @Override
  public List<GrendelHost> listNodes() {
    return api.call("GET", "/v1/host/list", null, HOSTS);
  }

  @Override
  public List<GrendelHost> findNodes(NodeSet nodes) {
    if (nodes.isEmpty()) {
      return List.of();
    }
    return api.call("GET", "/v1/host/find/" + segment(nodes), null, HOSTS);
  }

  @Override
  public List<GrendelImage> listImages() {
    return api.call("GET", "/v1/bootimage/list", null, IMAGES);
  }

  @Override
  public void upsertImages(List<GrendelImage> images) {
    if (!images.isEmpty()) {
      api.call("POST", "/v1/bootimage", images);
    }
  }

  @Override
  public void upsertNodes(List<GrendelHost> nodes) {
    if (!nodes.isEmpty()) {
      api.call("POST", "/v1/host", nodes);
    }
  }

  @Override
  public void deleteNodes(NodeSet nodes) {
    if (!nodes.isEmpty()) {
      api.call("DELETE", "/v1/host/find/" + segment(nodes), null);
    }
  }

  @Override
  public void deleteImages(List<String> names) {
    // the legacy API deletes one image per call
    for (String name : names) {
      api.call("DELETE", "/v1/bootimage/find/" + ApiCaller.encode(name), null);
    }
  }

  @Override
  public void provision(NodeSet nodes) {
    if (!nodes.isEmpty()) {
      api.call("PUT", "/v1/host/provision/" + segment(nodes), null);
    }
  }

  @Override
  public void unprovision(NodeSet nodes) {
    if (!nodes.isEmpty()) {
      api.call("PUT", "/v1/host/unprovision/" + segment(nodes), null);
    }
  }

  @Override
  public List<PowerResult> power(NodeSet nodes, PowerAction action) {
    throw noPower();
  }

  @Override
  public List<PowerStatus> powerStatus(NodeSet nodes) {
    throw noPower();
  }

  private static GrendelApiException noPower() {
    return new GrendelApiException(
        GrendelApiException.Kind.UNSUPPORTED,
        "the legacy Grendel API has no BMC endpoints, so cfctl cannot power nodes through it;"
            + " use apiGeneration v0.2 or `grendel bmc` on the server");
  }

  /** The canonical fold never uses step syntax, whose '/' would split the legacy path. */
  private static String segment(NodeSet nodes) {
    return ApiCaller.encode(nodes.fold());
  }

  @Override
  public void close() {
    api.close();
  }
}
