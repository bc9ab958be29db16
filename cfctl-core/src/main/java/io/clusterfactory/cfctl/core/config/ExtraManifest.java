package io.clusterfactory.cfctl.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Kubernetes object written as a further document of the config file (not the Cluster, not a k0s
 * ClusterConfig). As k0sctl does, it is applied once the cluster is up.
 *
 * @param index the document's index in the file (0 is the first)
 * @param namespace metadata.namespace, or null for the default one or a cluster-wide object
 * @param body the object as read (aliases and merges expanded)
 * @param sourceMap positions of the document's keys and values
 */
public record ExtraManifest(
    int index,
    String apiVersion,
    String kind,
    String namespace,
    String name,
    ObjectNode body,
    SourceMap sourceMap) {

  /** Where the document starts, for messages. */
  public Position position() {
    return sourceMap.valueOf("");
  }
}
