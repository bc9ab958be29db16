package io.clusterfactory.cfctl.core.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;

/**
 * Identity of one cluster object. {@code namespace} is null for cluster-scoped objects.
 *
 * @param apiVersion {@code v1}, {@code apps/v1}, ...
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ObjectRef> {

  private static final Comparator<ObjectRef> ORDER =
      Comparator.comparing(ObjectRef::group)
          .thenComparing(ObjectRef::kind)
          .thenComparing(r -> r.namespace() == null ? "" : r.namespace())
          .thenComparing(ObjectRef::name);

  public ObjectRef {
    if (namespace != null && namespace.isEmpty()) {
      namespace = null;
    }
  }

  public static ObjectRef of(HasMetadata object) {
    return new ObjectRef(
        object.getApiVersion(),
        object.getKind(),
        object.getMetadata().getNamespace(),
        object.getMetadata().getName());
  }

  /** API group, empty for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** Group-kind as the ApplySet KEP writes it: {@code Deployment.apps}, {@code ConfigMap}. */
  public String groupKind() {
    return group().isEmpty() ? kind : kind + "." + group();
  }

  /**
   * Identity regardless of the apiVersion the object is addressed with ({@code apps/v1} and {@code
   * apps/v1beta1} name the same Deployment).
   */
  public String identity() {
    return groupKind() + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  @Override
  public int compareTo(ObjectRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
