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

  private static final java.util.regex.Pattern PLACEHOLDER =
      java.util.regex.Pattern.compile("\\$\\{secret:([^}]+)}");

  /** The placeholder for input {@code id} in a data template. */
  public static String placeholder(String id) {
    return "${secret:" + id + "}";
  }

  /** The input ids a data template refers to, in order of appearance. */
  public static java.util.List<String> inputsOf(String template) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    java.util.regex.Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /**
   * A data template with every placeholder replaced by {@code valueOf(id)}: what the sealing step
   * encrypts. The result holds clear values; it must never be written or logged.
   */
  public static String fill(String template, java.util.function.Function<String, String> valueOf) {
    java.util.regex.Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(valueOf.apply(m.group(1))));
    }
    m.appendTail(b);
    return b.toString();
  }
}
