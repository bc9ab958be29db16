package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.manifest.ArgoTrackingId;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo CD's annotation resource tracking, set by cfctl on objects it applies for an Application
 * before Argo CD runs, so that Argo CD finds them already carrying what it would have set and
 * adopts them without a diff (docs/bootstrap.md). The rules follow Argo CD 3 ({@code
 * util/argo/resource_tracking.go}, the repo server's manifest generation and the controller's
 * target normalisation), for {@code application.resourceTrackingMethod: annotation}, which the
 * values cfctl renders pin:
 *
 * <ul>
 *   <li>a namespaced object without a namespace gets the Application's destination namespace; a
 *       cluster-scoped object loses any namespace it was written with;
 *   <li>every object but a CustomResourceDefinition gets Argo CD's tracking id ({@link
 *       ArgoTrackingId}, the rule the hydrated diff expects too);
 *   <li>no label (that is the {@code label} and {@code annotation+label} methods) and no
 *       installation id (none is configured).
 * </ul>
 */
public final class ArgoTracking {

  private ArgoTracking() {}

  /**
   * Copies of {@code objects} as Argo CD's Application {@code application} (an Application in Argo
   * CD's own namespace, so its instance name is its name) would apply them to {@code
   * destinationNamespace}. Scope comes from the built-in kinds and from the CRDs among {@code
   * objects}; an unknown kind counts as namespaced, as Argo CD counts it.
   */
  public static List<GenericKubernetesResource> tracked(
      String application, String destinationNamespace, List<GenericKubernetesResource> objects) {
    Map<String, Boolean> crdScopes = new HashMap<>();
    for (GenericKubernetesResource o : objects) {
      if (isCrd(o) && o.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec) {
        Object group = spec.get("group");
        Object names = spec.get("names");
        if (group != null && names instanceof Map<?, ?> n && n.get("kind") != null) {
          crdScopes.put(
              n.get("kind") + "." + group, !"Cluster".equals(String.valueOf(spec.get("scope"))));
        }
      }
    }
    List<GenericKubernetesResource> out = new ArrayList<>(objects.size());
    for (GenericKubernetesResource o : objects) {
      GenericKubernetesResource copy = DesiredObject.SERIALIZATION.clone(o);
      var metadata = copy.getMetadata();
      boolean namespaced = namespaced(copy, crdScopes);
      if (!namespaced) {
        metadata.setNamespace(null);
      } else if (metadata.getNamespace() == null || metadata.getNamespace().isEmpty()) {
        metadata.setNamespace(destinationNamespace);
      }
      ObjectRef ref = ObjectRef.of(copy);
      if (ArgoTrackingId.tracks(ref.group(), ref.kind())) {
        Map<String, String> annotations =
            new LinkedHashMap<>(
                metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations());
        annotations.put(
            ArgoTrackingId.ANNOTATION, trackingId(application, destinationNamespace, copy));
        metadata.setAnnotations(annotations);
      }
      out.add(copy);
    }
    return out;
  }

  /** The tracking id Argo CD writes on {@code object} for {@code application}. */
  public static String trackingId(
      String application, String destinationNamespace, GenericKubernetesResource object) {
    ObjectRef ref = ObjectRef.of(object);
    return ArgoTrackingId.of(
        application,
        ref.group(),
        ref.kind(),
        object.getMetadata().getNamespace(),
        destinationNamespace,
        object.getMetadata().getName());
  }

  private static boolean namespaced(GenericKubernetesResource o, Map<String, Boolean> crdScopes) {
    var builtin = BuiltinKinds.find(o.getApiVersion(), o.getKind());
    if (builtin.isPresent()) {
      return builtin.get().isNamespaceScoped();
    }
    return crdScopes.getOrDefault(ObjectRef.of(o).groupKind(), true);
  }

  private static boolean isCrd(GenericKubernetesResource o) {
    return "CustomResourceDefinition".equals(o.getKind())
        && o.getApiVersion() != null
        && o.getApiVersion().startsWith("apiextensions.k8s.io/");
  }
}
