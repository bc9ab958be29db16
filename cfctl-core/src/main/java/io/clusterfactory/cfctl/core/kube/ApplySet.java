package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One ApplySet (KEP-3659) per stack: a parent ConfigMap {@code applyset-<stack>} in {@link
 * KubeNames#SYSTEM_NAMESPACE} whose {@code applyset.kubernetes.io/id} label equals the {@code
 * applyset.kubernetes.io/part-of} label on every member. The id is derived from the parent's name,
 * namespace, kind and group as the KEP requires, so it cannot be claimed by another parent.
 */
public record ApplySet(String stack, String parentName, String parentNamespace) {

  public static ApplySet forStack(String stack) {
    String name = "applyset-" + (stack.isEmpty() ? "default" : stack);
    return new ApplySet(stack, name, KubeNames.SYSTEM_NAMESPACE);
  }

  /** {@code applyset-<base64url(sha256(name.namespace.ConfigMap.))>-v1}. */
  public String id() {
    String key = parentName + "." + parentNamespace + ".ConfigMap.";
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "applyset-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "-v1";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  public ObjectRef parentRef() {
    return ObjectRef.of("v1", "ConfigMap", parentNamespace, parentName);
  }

  /**
   * The parent object listing {@code apiKinds} (group-kind to apiVersion) as members.
   *
   * @param apiKinds e.g. {@code Deployment.apps -> apps/v1}
   */
  public ConfigMap parent(SortedMap<String, String> apiKinds) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(parentName)
        .withNamespace(parentNamespace)
        .addToLabels(KubeNames.APPLYSET_ID_LABEL, id())
        .addToLabels(KubeNames.STACK_LABEL, stack)
        .addToAnnotations(KubeNames.APPLYSET_TOOLING_ANNOTATION, KubeNames.TOOLING)
        .addToAnnotations(
            KubeNames.APPLYSET_GROUP_KINDS_ANNOTATION, String.join(",", apiKinds.keySet()))
        .addToAnnotations(
            KubeNames.APPLYSET_API_KINDS_ANNOTATION,
            apiKinds.entrySet().stream()
                .map(e -> e.getValue() + "/" + kindOf(e.getKey()))
                .collect(Collectors.joining(",")))
        .endMetadata()
        .build();
  }

  /** Member kinds recorded on a live parent: group-kind to apiVersion. */
  public static SortedMap<String, String> apiKinds(Map<String, String> annotations) {
    SortedMap<String, String> kinds = new TreeMap<>();
    String recorded =
        annotations == null ? null : annotations.get(KubeNames.APPLYSET_API_KINDS_ANNOTATION);
    if (recorded == null || recorded.isBlank()) {
      return kinds;
    }
    for (String entry : recorded.split(",")) {
      int slash = entry.lastIndexOf('/');
      String apiVersion = entry.substring(0, slash);
      String kind = entry.substring(slash + 1);
      ObjectRef ref = ObjectRef.of(apiVersion, kind, null, "-");
      kinds.put(ref.groupKind(), apiVersion);
    }
    return kinds;
  }

  private static String kindOf(String groupKind) {
    int dot = groupKind.indexOf('.');
    return dot < 0 ? groupKind : groupKind.substring(0, dot);
  }
}
