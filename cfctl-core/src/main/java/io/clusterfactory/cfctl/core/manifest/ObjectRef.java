package io.clusterfactory.cfctl.core.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies a Kubernetes object, the one identity diff, apply, wait and prune share. {@code group}
 * is empty for the core group, {@code namespace} is empty for cluster-scoped objects (never null,
 * so sorting and JSON are stable).
 */
public record ObjectRef(String group, String version, String kind, String namespace, String name)
    implements Comparable<ObjectRef> {

  /** Namespace first, as a diff report groups objects. */
  private static final Comparator<ObjectRef> ORDER =
      Comparator.comparing(ObjectRef::namespace)
          .thenComparing(ObjectRef::group)
          .thenComparing(ObjectRef::kind)
          .thenComparing(ObjectRef::name)
          .thenComparing(ObjectRef::version);

  public ObjectRef {
    group = group == null ? "" : group;
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** Builds a ref from an {@code apiVersion} such as {@code apps/v1} or {@code v1}. */
  public static ObjectRef of(String apiVersion, String kind, String namespace, String name) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    return new ObjectRef(group, version, kind, namespace, name);
  }

  /** The ref of a fabric8 object (typed or generic). */
  public static ObjectRef of(HasMetadata object) {
    return of(
        object.getApiVersion(),
        object.getKind(),
        object.getMetadata().getNamespace(),
        object.getMetadata().getName());
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Whether the object lives in a namespace (false for cluster-scoped refs). */
  public boolean namespaced() {
    return !namespace.isEmpty();
  }

  /** Group-kind as the ApplySet KEP writes it: {@code Deployment.apps}, {@code ConfigMap}. */
  public String groupKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }

  /**
   * Identity regardless of the apiVersion the object is addressed with ({@code apps/v1} and {@code
   * apps/v1beta1} name the same Deployment).
   */
  public String identity() {
    return groupKind() + "/" + namespace + "/" + name;
  }

  /** kubectl-like display name: {@code apps/v1 Deployment traefik/traefik}. */
  public String displayName() {
    return apiVersion() + " " + kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }

  /** True for the kinds whose values are masked: Secret and SealedSecret. */
  public boolean isSecretBearing() {
    return (group.isEmpty() && kind.equals("Secret"))
        || (group.equals("bitnami.com") && kind.equals("SealedSecret"));
  }

  @Override
  public int compareTo(ObjectRef o) {
    return ORDER.compare(this, o);
  }

  /** Short form for progress and error messages: {@code Deployment/traefik/traefik}. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
