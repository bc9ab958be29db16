package io.clusterfactory.cfctl.core.diff;

import java.util.List;

/**
 * The live objects part of a diff: desired objects compared with the cluster.
 *
 * @param server the API server URL compared against (never with credentials)
 * @param objects one entry per object, sorted by component then object
 */
public record LiveSection(String server, List<ObjectDiff> objects) {
  public LiveSection {
    server = server == null ? "" : server;
    objects = objects == null ? List.of() : List.copyOf(objects.stream().sorted().toList());
  }

  public Summary summary() {
    return Summary.count(objects, ObjectDiff::change);
  }

  public boolean hasChanges() {
    return summary().changes() > 0;
  }
}
