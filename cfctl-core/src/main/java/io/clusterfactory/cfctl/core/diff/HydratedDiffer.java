package io.clusterfactory.cfctl.core.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.hydrate.HydratedApplication;
import io.clusterfactory.cfctl.core.hydrate.HydratedApplication.HydratedObject;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.Unhydrated;
import io.clusterfactory.cfctl.core.manifest.ArgoTrackingId;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the objects charts render, per Application: the shared rules of the live and the offline
 * hydrated diff. An object is compared as Argo CD applies it: the Application's namespace on a
 * namespaced object that names none, and Argo CD's tracking annotation ({@link
 * ArgoTrackingId#ANNOTATION}; cfctl configures annotation tracking, docs/bootstrap.md). Nothing
 * else is added: cfctl's own ApplySet labels are not written on objects Argo CD delivers.
 */
public final class HydratedDiffer {

  /** Built-in kinds that are not namespaced (Argo CD leaves their namespace empty). */
  static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "/Namespace",
          "/Node",
          "/PersistentVolume",
          "rbac.authorization.k8s.io/ClusterRole",
          "rbac.authorization.k8s.io/ClusterRoleBinding",
          "apiextensions.k8s.io/CustomResourceDefinition",
          "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
          "admissionregistration.k8s.io/MutatingWebhookConfiguration",
          "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
          "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
          "apiregistration.k8s.io/APIService",
          "storage.k8s.io/StorageClass",
          "storage.k8s.io/CSIDriver",
          "storage.k8s.io/VolumeAttachment",
          "scheduling.k8s.io/PriorityClass",
          "networking.k8s.io/IngressClass",
          "node.k8s.io/RuntimeClass",
          "flowcontrol.apiserver.k8s.io/FlowSchema",
          "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration");

  private HydratedDiffer() {}

  /**
   * Whether a kind is namespaced: the server's discovery live, the known kinds and CRDs offline.
   */
  @FunctionalInterface
  public interface Scope {
    boolean namespaced(String group, String kind);
  }

  /**
   * The offline scope: built-in cluster-scoped kinds, plus the custom kinds whose CRD (in any of
   * {@code trees}) says {@code scope: Cluster}. Any other kind is namespaced.
   */
  public static Scope offlineScope(HydratedTree... trees) {
    Set<String> cluster = new TreeSet<>(CLUSTER_SCOPED);
    for (HydratedTree tree : trees) {
      for (HydratedApplication app : tree.applications()) {
        for (HydratedObject o : app.objects()) {
          ObjectNode b = o.body();
          if ("CustomResourceDefinition".equals(b.path("kind").asText())
              && "Cluster".equals(b.path("spec").path("scope").asText())) {
            cluster.add(
                b.path("spec").path("group").asText()
                    + "/"
                    + b.path("spec").path("names").path("kind").asText());
          }
        }
      }
    }
    return (group, kind) -> !cluster.contains(group + "/" + kind);
  }

  /** One rendered object as Argo CD applies it (a new map; the body is not modified). */
  public static Map<String, Object> argoView(
      String application, String namespace, ObjectNode body, Scope scope) {
    Map<String, Object> object = CanonicalYaml.toMap(body);
    @SuppressWarnings("unchecked")
    Map<String, Object> meta =
        object.get("metadata") instanceof Map<?, ?> m
            ? (Map<String, Object>) m
            : new LinkedHashMap<>();
    object.put("metadata", meta);
    ObjectRef bare = refOf(object);
    boolean namespaced = bare != null && scope.namespaced(bare.group(), bare.kind());
    if (!namespaced) {
      meta.remove("namespace");
    } else if (!(meta.get("namespace") instanceof String ns) || ns.isEmpty()) {
      meta.put("namespace", namespace);
    }
    ObjectRef ref = refOf(object);
    // the id Argo CD will write, by the rule the bootstrap writes it with
    if (ref != null && ArgoTrackingId.tracks(ref.group(), ref.kind())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> annotations =
          meta.get("annotations") instanceof Map<?, ?> a
              ? (Map<String, Object>) a
              : new LinkedHashMap<>();
      annotations.put(
          ArgoTrackingId.ANNOTATION,
          ArgoTrackingId.of(
              application, ref.group(), ref.kind(), ref.namespace(), namespace, ref.name()));
      meta.put("annotations", annotations);
    }
    return object;
  }

  /** Whether a live object's tracking annotation names {@code application}. */
  public static boolean trackedBy(String application, Map<String, ?> live) {
    if (live.get("metadata") instanceof Map<?, ?> meta
        && meta.get("annotations") instanceof Map<?, ?> annotations
        && annotations.get(ArgoTrackingId.ANNOTATION) instanceof String id) {
      return ArgoTrackingId.names(application, id);
    }
    return false;
  }

  /**
   * Compares one object's two sides (null when absent), with the normalisation and masking of the
   * live diff, and lists the changed fields of an update.
   */
  public static HydratedObjectDiff compare(
      ObjectRef ref,
      String application,
      String source,
      Map<String, ?> before,
      Map<String, ?> after,
      String note) {
    return compare(ref, application, source, before, after, note, "live/", "desired/");
  }

  /** The same, the unified diff's files named {@code <beforePrefix><object>} and so on. */
  static HydratedObjectDiff compare(
      ObjectRef ref,
      String application,
      String source,
      Map<String, ?> before,
      Map<String, ?> after,
      String note,
      String beforePrefix,
      String afterPrefix) {
    LiveObjectDiffer.Compared c =
        LiveObjectDiffer.compareMasked(
            ref, application, before, after, note, beforePrefix, afterPrefix);
    List<FieldChange> fields =
        c.diff().change() == ChangeKind.UPDATE
            ? FieldChanges.between(c.before(), c.after())
            : List.of();
    return new HydratedObjectDiff(c.diff(), source, fields);
  }

  /**
   * The offline comparison: every Application hydrated in either tree, object by object. An
   * Application that either side could not hydrate is listed as not compared, never as all created
   * or all deleted.
   *
   * @param against what the base is, e.g. {@code git main at 1a2b3c4d5e6f}
   */
  public static HydratedSection compareTrees(String against, HydratedTree base, HydratedTree head) {
    Scope scope = offlineScope(base, head);
    List<NotHydrated> notCompared = new ArrayList<>();
    Set<String> skipped = new TreeSet<>();
    for (Unhydrated u : head.missing()) {
      notCompared.add(notHydrated(u, ""));
      skipped.add(u.application());
    }
    for (Unhydrated u : base.missing()) {
      notCompared.add(notHydrated(u, "base"));
      skipped.add(u.application());
    }
    Set<String> names = new TreeSet<>();
    base.applications().forEach(a -> names.add(a.application()));
    head.applications().forEach(a -> names.add(a.application()));
    List<ApplicationDiff> apps = new ArrayList<>();
    for (String name : names) {
      if (skipped.contains(name)) {
        continue;
      }
      HydratedApplication b = base.application(name).orElse(null);
      HydratedApplication h = head.application(name).orElse(null);
      Map<String, View> before = b == null ? Map.of() : views(b, scope);
      Map<String, View> after = h == null ? Map.of() : views(h, scope);
      Set<String> ids = new TreeSet<>(before.keySet());
      ids.addAll(after.keySet());
      List<HydratedObjectDiff> objects = new ArrayList<>();
      for (String id : ids) {
        View vb = before.get(id);
        View va = after.get(id);
        View any = va != null ? va : vb;
        objects.add(
            compare(
                any.ref(),
                name,
                va != null ? va.source() : vb.source(),
                vb == null ? null : vb.body(),
                va == null ? null : va.body(),
                null,
                "base/",
                "head/"));
      }
      HydratedApplication any = h != null ? h : b;
      apps.add(
          new ApplicationDiff(
              name,
              any.namespace(),
              b == null ? "" : b.chart().label(),
              h == null ? "" : h.chart().label(),
              objects));
    }
    return new HydratedSection(against, apps, notCompared);
  }

  /** One rendered object as Argo CD applies it, with its ref and template. */
  public record View(ObjectRef ref, String source, Map<String, Object> body) {}

  /**
   * An Application's objects as Argo CD applies them, by {@link ObjectRef#identity()}; of
   * duplicates (Helm renders them, Argo CD applies the last), the last wins. Documents without
   * apiVersion, kind or name are skipped.
   */
  public static Map<String, View> views(HydratedApplication app, Scope scope) {
    Map<String, View> out = new HashMap<>();
    for (HydratedObject o : app.objects()) {
      Map<String, Object> body = argoView(app.application(), app.namespace(), o.body(), scope);
      ObjectRef ref = refOf(body);
      if (ref != null) {
        out.put(ref.identity(), new View(ref, o.source(), body));
      }
    }
    return out;
  }

  /**
   * Whether an object is a hook ({@code helm.sh/hook}, {@code argocd.argoproj.io/hook}): Argo CD
   * runs hooks around a sync and does not keep or compare them, so the live comparison leaves them
   * out (the offline one compares them, as any rendered object).
   */
  public static boolean isHook(Map<String, ?> object) {
    return object.get("metadata") instanceof Map<?, ?> meta
        && meta.get("annotations") instanceof Map<?, ?> annotations
        && (annotations.containsKey("helm.sh/hook")
            || annotations.containsKey("argocd.argoproj.io/hook"));
  }

  public static NotHydrated notHydrated(Unhydrated u, String side) {
    return new NotHydrated(
        u.application(), u.chart() == null ? "" : u.chart().label(), u.reason(), side);
  }

  /** The ref of an object map, or null when it lacks apiVersion, kind or name. */
  static ObjectRef refOf(Map<String, ?> object) {
    if (!(object.get("apiVersion") instanceof String apiVersion)
        || !(object.get("kind") instanceof String kind)
        || !(object.get("metadata") instanceof Map<?, ?> meta)
        || !(meta.get("name") instanceof String name)) {
      return null;
    }
    return ObjectRef.of(
        apiVersion, kind, meta.get("namespace") instanceof String ns ? ns : "", name);
  }
}
