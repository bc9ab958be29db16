package io.clusterfactory.cfctl.core.manifest;

/**
 * Argo CD's annotation resource tracking id, the one rule both sides of cfctl use: the bootstrap
 * writes it on the objects it applies before Argo CD runs (kube.ArgoTracking), and the hydrated
 * diff expects it on what Argo CD will apply (diff.HydratedDiffer). Argo CD 3 ({@code
 * util/argo/resource_tracking.go}) writes {@code <app>:<group>/<kind>:<namespace>/<name>} on every
 * object but a CustomResourceDefinition, where the namespace is the object's, or the Application's
 * destination namespace when it has none (cluster-scoped objects included).
 */
public final class ArgoTrackingId {
  /** The annotation that carries the id. */
  public static final String ANNOTATION = "argocd.argoproj.io/tracking-id";

  private ArgoTrackingId() {}

  /** Whether Argo CD writes the id on objects of this kind: on all but CRDs. */
  public static boolean tracks(String group, String kind) {
    return !("CustomResourceDefinition".equals(kind) && "apiextensions.k8s.io".equals(group));
  }

  /**
   * The id for {@code application} on an object in {@code namespace} (null or empty: none, so the
   * destination namespace stands in).
   */
  public static String of(
      String application,
      String group,
      String kind,
      String namespace,
      String destinationNamespace,
      String name) {
    String ns = namespace == null || namespace.isEmpty() ? destinationNamespace : namespace;
    return application + ":" + (group == null ? "" : group) + "/" + kind + ":" + ns + "/" + name;
  }

  /** Whether {@code id} names {@code application}. */
  public static boolean names(String application, String id) {
    return id != null && id.startsWith(application + ":");
  }
}
