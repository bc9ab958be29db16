package io.clusterfactory.cfctl.grendel.sync;

import io.clusterfactory.cfctl.grendel.api.GrendelClient;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelImage;
import java.util.List;

/** What a Grendel server holds now. */
public record ServerState(List<GrendelHost> nodes, List<GrendelImage> images) {

  public static ServerState empty() {
    return new ServerState(List.of(), List.of());
  }

  /** Lists images and nodes from the server. */
  public static ServerState fetch(GrendelClient client) {
    return new ServerState(client.listNodes(), client.listImages());
  }
}
