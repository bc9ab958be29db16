package io.clusterfactory.cfctl.core.secrets;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a sealed value may be unsealed. The controller binds each value to an RSA-OAEP label
 * derived from the scope, so a value sealed for one name cannot be replayed under another.
 */
public enum SealingScope {
  /** Only as this name in this namespace (the controller's default). Label {@code "ns/name"}. */
  @JsonProperty("strict")
  STRICT("strict"),
  /** As any name in this namespace. Label {@code "ns"}. */
  @JsonProperty("namespace-wide")
  NAMESPACE_WIDE("namespace-wide"),
  /** As any name in any namespace. Empty label. */
  @JsonProperty("cluster-wide")
  CLUSTER_WIDE("cluster-wide");

  /** Annotation the controller reads to pick the namespace-wide scope. */
  public static final String NAMESPACE_WIDE_ANNOTATION = "sealedsecrets.bitnami.com/namespace-wide";

  /** Annotation the controller reads to pick the cluster-wide scope. */
  public static final String CLUSTER_WIDE_ANNOTATION = "sealedsecrets.bitnami.com/cluster-wide";

  private final String id;

  SealingScope(String id) {
    this.id = id;
  }

  /**
   * The name used on the command line and in cluster.yaml: strict, namespace-wide, cluster-wide.
   */
  public String id() {
    return id;
  }

  /** The RSA-OAEP label a value of {@code namespace/name} is bound to under this scope. */
  public byte[] label(String namespace, String name) {
    String label =
        switch (this) {
          case STRICT -> namespace + "/" + name;
          case NAMESPACE_WIDE -> namespace;
          case CLUSTER_WIDE -> "";
        };
    return label.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The annotations the controller expects on the SealedSecret for this scope; empty for strict.
   */
  public Map<String, String> annotations() {
    return switch (this) {
      case STRICT -> Map.of();
      case NAMESPACE_WIDE -> Map.of(NAMESPACE_WIDE_ANNOTATION, "true");
      case CLUSTER_WIDE -> Map.of(CLUSTER_WIDE_ANNOTATION, "true");
    };
  }

  /**
   * The scope declared by a manifest's annotations, as the controller reads them: cluster-wide wins
   * over namespace-wide; neither means strict.
   */
  public static SealingScope fromAnnotations(Map<String, String> annotations) {
    if (annotations == null) {
      return STRICT;
    }
    if ("true".equals(annotations.get(CLUSTER_WIDE_ANNOTATION))) {
      return CLUSTER_WIDE;
    }
    if ("true".equals(annotations.get(NAMESPACE_WIDE_ANNOTATION))) {
      return NAMESPACE_WIDE;
    }
    return STRICT;
  }

  /** Parses {@link #id()}; an unknown name is invalid input listing the accepted ones. */
  public static SealingScope parse(String id) {
    return Arrays.stream(values())
        .filter(scope -> scope.id.equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "unknown sealing scope '" + id + "'",
                    "use one of: "
                        + Arrays.stream(values())
                            .map(SealingScope::id)
                            .collect(Collectors.joining(", "))));
  }
}
