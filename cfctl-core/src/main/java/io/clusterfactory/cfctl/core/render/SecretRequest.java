package io.clusterfactory.cfctl.core.render;

import java.util.SortedMap;

/**
 * A Secret a component needs, described without its values: the sealing step turns it into a
 * SealedSecret at {@link #path()}. Each data value is a template whose {@code ${secret:ID}}
 * placeholders name inputs of {@link RenderedTree#secretInputs()} (ID is the YAML path of the input
 * in cluster.yaml); text outside placeholders is not secret.
 *
 * @param path where the SealedSecret goes in the tree
 * @param type the Secret type, e.g. Opaque
 * @param labels labels of the Secret (e.g. ArgoCD's repository label)
 * @param data key -> value template
 */
public record SecretRequest(
    String stack,
    String component,
    String namespace,
    String name,
    String type,
    String path,
    SortedMap<String, String> labels,
    SortedMap<String, String> data) {

  /** The placeholder for input {@code id} in a data template. */
  public static String placeholder(String id) {
    return "${secret:" + id + "}";
  }
}
