package io.clusterfactory.cfctl.grendel.api;

import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelImage;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.List;

/**
 * A running Grendel, either API generation. Every method throws {@link GrendelApiException} on
 * failure; calls with an empty nodeset or list do nothing (an empty filter means "all nodes" on the
 * server). Create one with {@link GrendelClients#create}.
 */
public interface GrendelClient extends AutoCloseable {

  ApiGeneration generation();

  /** A human-readable endpoint (URL or socket path) for messages. */
  String endpoint();

  List<GrendelHost> listNodes();

  List<GrendelHost> findNodes(NodeSet nodes);

  List<GrendelImage> listImages();

  /** Creates or replaces images by name. */
  void upsertImages(List<GrendelImage> images);

  /** Creates or replaces nodes by name; their boot images must exist first (v0.2 checks). */
  void upsertNodes(List<GrendelHost> nodes);

  void deleteNodes(NodeSet nodes);

  void deleteImages(List<String> names);

  /** Allows the nodes to netboot (Grendel's provision flag). */
  void provision(NodeSet nodes);

  void unprovision(NodeSet nodes);

  /** Redfish power action through Grendel (v0.2); UNSUPPORTED on the legacy API. */
  List<PowerResult> power(NodeSet nodes, PowerAction action);

  /** Redfish power state through Grendel (v0.2); UNSUPPORTED on the legacy API. */
  List<PowerStatus> powerStatus(NodeSet nodes);

  @Override
  void close();
}
