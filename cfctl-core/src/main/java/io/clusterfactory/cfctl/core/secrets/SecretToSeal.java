package io.clusterfactory.cfctl.core.secrets;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Secret as the controller will create it, before sealing. Maps are copied into sorted maps so
 * the rendered manifest is the same whatever order the caller built them in.
 *
 * @param namespace the Secret's namespace; may be null only for the cluster-wide scope
 * @param name the Secret's name
 * @param scope where the sealed values may be opened
 * @param type the Secret's type, {@code Opaque} when null
 * @param labels labels of the SealedSecret and of the Secret
 * @param annotations annotations of the Secret (the controller copies them from the template)
 * @param data the values, by key
 * @param immutable the Secret's {@code immutable} field, or null to leave it unset
 */
public record SecretToSeal(
    String namespace,
    String name,
    SealingScope scope,
    String type,
    SortedMap<String, String> labels,
    SortedMap<String, String> annotations,
    SortedMap<String, SecretValue> data,
    Boolean immutable) {

  /** The type of a Secret whose type is not given. */
  public static final String DEFAULT_TYPE = "Opaque";

  public SecretToSeal {
    Objects.requireNonNull(name, "name");
    scope = scope == null ? SealingScope.STRICT : scope;
    if (scope != SealingScope.CLUSTER_WIDE && (namespace == null || namespace.isEmpty())) {
      throw new InvalidInputException(
          "secret " + name + " must declare a namespace to be sealed " + scope.id(),
          "set its namespace, or seal it cluster-wide");
    }
    type = type == null || type.isEmpty() ? DEFAULT_TYPE : type;
    labels = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
    annotations = annotations == null ? new TreeMap<>() : new TreeMap<>(annotations);
    data = data == null ? new TreeMap<>() : new TreeMap<>(data);
  }

  /** An Opaque Secret sealed strictly, without labels or annotations. */
  public static SecretToSeal of(String namespace, String name, Map<String, SecretValue> data) {
    return new SecretToSeal(
        namespace, name, SealingScope.STRICT, null, null, null, new TreeMap<>(data), null);
  }

  /** This Secret sealed under another scope. */
  public SecretToSeal withScope(SealingScope newScope) {
    return new SecretToSeal(namespace, name, newScope, type, labels, annotations, data, immutable);
  }

  /** This Secret with another type, e.g. {@code kubernetes.io/tls}. */
  public SecretToSeal withType(String newType) {
    return new SecretToSeal(namespace, name, scope, newType, labels, annotations, data, immutable);
  }

  /** This Secret with these labels. */
  public SecretToSeal withLabels(Map<String, String> newLabels) {
    return new SecretToSeal(
        namespace, name, scope, type, new TreeMap<>(newLabels), annotations, data, immutable);
  }

  /** This Secret with these annotations. */
  public SecretToSeal withAnnotations(Map<String, String> newAnnotations) {
    return new SecretToSeal(
        namespace, name, scope, type, labels, new TreeMap<>(newAnnotations), data, immutable);
  }

  /** The RSA-OAEP label every value of this Secret is sealed under. */
  public byte[] label() {
    return scope.label(namespace == null ? "" : namespace, name);
  }

  /** {@code namespace/name}, for messages. */
  public String displayName() {
    return (namespace == null ? "" : namespace + "/") + name;
  }
}
