package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.diff.ApplicationDiff;
import io.clusterfactory.cfctl.core.diff.HydratedDiffer;
import io.clusterfactory.cfctl.core.diff.HydratedObjectDiff;
import io.clusterfactory.cfctl.core.diff.HydratedSection;
import io.clusterfactory.cfctl.core.diff.NotHydrated;
import io.clusterfactory.cfctl.core.hydrate.HydratedApplication;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.Unhydrated;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The chart objects of {@code cfctl diff} against the cluster, read-only (GET and LIST only): each
 * object a chart renders, as Argo CD would apply it ({@link HydratedDiffer#argoView}), against the
 * live object cut down to the fields the rendered one sets (as {@link LiveDiff} does), and, as
 * deletions, live objects whose Argo CD tracking annotation names the Application but that the
 * chart no longer renders. Deletions are looked for among the kinds any chart of the tree renders
 * and {@link #COMMON_KINDS}: a kind no chart renders any more and outside that list is not listed.
 * Hooks ({@link HydratedDiffer#isHook}) are left out: Argo CD runs them at sync and keeps none.
 */
public final class HydratedLiveDiff {
  /** Kinds listed for deletions even when no chart renders them now. */
  static final List<String[]> COMMON_KINDS =
      List.of(
          new String[] {"v1", "ConfigMap"},
          new String[] {"v1", "Secret"},
          new String[] {"v1", "Service"},
          new String[] {"v1", "ServiceAccount"},
          new String[] {"v1", "PersistentVolumeClaim"},
          new String[] {"apps/v1", "Deployment"},
          new String[] {"apps/v1", "StatefulSet"},
          new String[] {"apps/v1", "DaemonSet"},
          new String[] {"batch/v1", "Job"},
          new String[] {"batch/v1", "CronJob"},
          new String[] {"rbac.authorization.k8s.io/v1", "Role"},
          new String[] {"rbac.authorization.k8s.io/v1", "RoleBinding"},
          new String[] {"rbac.authorization.k8s.io/v1", "ClusterRole"},
          new String[] {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"},
          new String[] {"networking.k8s.io/v1", "Ingress"},
          new String[] {"networking.k8s.io/v1", "NetworkPolicy"},
          new String[] {"policy/v1", "PodDisruptionBudget"},
          new String[] {"apiextensions.k8s.io/v1", "CustomResourceDefinition"},
          new String[] {"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"},
          new String[] {"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"});

  private final KubernetesClient client;
  private final KubeCalls calls;
  private final ResourceResolver resolver;

  public HydratedLiveDiff(KubernetesClient client, KubeCalls calls) {
    this.client = client;
    this.calls = calls;
    this.resolver = new ResourceResolver(client, calls);
  }

  /** Compares every hydrated Application of {@code tree} with the cluster. */
  public HydratedSection compare(HydratedTree tree) {
    HydratedDiffer.Scope offline = HydratedDiffer.offlineScope(tree);
    Map<String, String> apiVersions = apiVersions(tree);
    HydratedDiffer.Scope scope =
        (group, kind) -> {
          // the server knows best; a kind it does not serve yet falls back to the CRDs' word
          String apiVersion = apiVersions.get(group + "/" + kind);
          Optional<ResourceDefinitionContext> served =
              apiVersion == null ? Optional.empty() : resolver.find(apiVersion, kind);
          return served
              .map(ResourceDefinitionContext::isNamespaceScoped)
              .orElseGet(() -> offline.namespaced(group, kind));
        };
    Map<String, List<GenericKubernetesResource>> listed = listTracked(tree);
    List<ApplicationDiff> apps = new ArrayList<>();
    for (HydratedApplication app : tree.applications()) {
      apps.add(compareApplication(app, scope, listed));
    }
    List<NotHydrated> missing = new ArrayList<>();
    for (Unhydrated u : tree.missing()) {
      missing.add(HydratedDiffer.notHydrated(u, ""));
    }
    return new HydratedSection(client.getConfiguration().getMasterUrl(), apps, missing);
  }

  private ApplicationDiff compareApplication(
      HydratedApplication app,
      HydratedDiffer.Scope scope,
      Map<String, List<GenericKubernetesResource>> listed) {
    Map<String, HydratedDiffer.View> views = new TreeMap<>(HydratedDiffer.views(app, scope));
    // hooks run around a sync and are not kept: never a creation
    views.values().removeIf(v -> HydratedDiffer.isHook(v.body()));
    Map<String, GenericKubernetesResource> live =
        resolver.getAll(views.values().stream().map(HydratedDiffer.View::ref).toList());
    List<HydratedObjectDiff> objects = new ArrayList<>();
    for (HydratedDiffer.View v : views.values()) {
      Map<String, Object> desired = Manifests.normalise(v.body());
      GenericKubernetesResource l = live.get(v.ref().identity());
      if (l == null) {
        objects.add(
            HydratedDiffer.compare(
                v.ref(), app.application(), v.source(), null, desired, creationNote(v.ref())));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> liveView =
          (Map<String, Object>) Manifests.project(Manifests.normalise(Manifests.toMap(l)), desired);
      objects.add(
          HydratedDiffer.compare(v.ref(), app.application(), v.source(), liveView, desired, null));
    }
    Set<String> seen = new TreeSet<>(views.keySet());
    for (List<GenericKubernetesResource> items : listed.values()) {
      for (GenericKubernetesResource item : items) {
        Map<String, Object> map = Manifests.toMap(item);
        ObjectRef ref = ObjectRef.of(item);
        if (HydratedDiffer.trackedBy(app.application(), map) && seen.add(ref.identity())) {
          objects.add(
              HydratedDiffer.compare(
                  ref,
                  app.application(),
                  "",
                  Manifests.normalise(map),
                  null,
                  "no longer rendered by the chart: Argo CD prunes it"));
        }
      }
    }
    return new ApplicationDiff(
        app.application(), app.namespace(), "", app.chart().label(), objects);
  }

  private String creationNote(ObjectRef ref) {
    if (resolver.find(ref.apiVersion(), ref.kind()).isEmpty()) {
      return "kind " + ref.groupKind() + " is not served yet (its CRD comes with the chart)";
    }
    return null;
  }

  /** The apiVersion each {@code group/kind} of the tree's hydrated objects is written with. */
  private static Map<String, String> apiVersions(HydratedTree tree) {
    Map<String, String> out = new java.util.HashMap<>();
    for (HydratedApplication app : tree.applications()) {
      for (HydratedApplication.HydratedObject o : app.objects()) {
        String apiVersion = o.body().path("apiVersion").asText();
        String group =
            apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        out.putIfAbsent(group + "/" + o.body().path("kind").asText(), apiVersion);
      }
    }
    return out;
  }

  /**
   * Every live object of the kinds to look at that carries an Argo CD tracking annotation, by kind;
   * one LIST across namespaces per kind served.
   */
  private Map<String, List<GenericKubernetesResource>> listTracked(HydratedTree tree) {
    Map<String, String> kinds = new LinkedHashMap<>(); // group/kind -> apiVersion
    for (HydratedApplication app : tree.applications()) {
      for (HydratedApplication.HydratedObject o : app.objects()) {
        String apiVersion = o.body().path("apiVersion").asText();
        String kind = o.body().path("kind").asText();
        if (!apiVersion.isEmpty() && !kind.isEmpty()) {
          kinds.putIfAbsent(ObjectRef.of(apiVersion, kind, "", "x").groupKind(), apiVersion);
        }
      }
    }
    for (String[] k : COMMON_KINDS) {
      kinds.putIfAbsent(ObjectRef.of(k[0], k[1], "", "x").groupKind(), k[0]);
    }
    Map<String, List<GenericKubernetesResource>> out = new TreeMap<>();
    if (tree.applications().isEmpty()) {
      return out;
    }
    kinds.forEach(
        (groupKind, apiVersion) -> {
          String kind =
              groupKind.contains(".") ? groupKind.substring(0, groupKind.indexOf('.')) : groupKind;
          Optional<ResourceDefinitionContext> context = resolver.find(apiVersion, kind);
          if (context.isEmpty()) {
            return;
          }
          var op = client.genericKubernetesResources(context.get());
          List<GenericKubernetesResource> items =
              calls.call(
                  "listing " + groupKind,
                  () -> {
                    try {
                      return context.get().isNamespaceScoped()
                          ? op.inAnyNamespace().list().getItems()
                          : op.list().getItems();
                    } catch (KubernetesClientException e) {
                      if (e.getCode() == 404) {
                        return List.<GenericKubernetesResource>of();
                      }
                      throw e;
                    }
                  });
          List<GenericKubernetesResource> tracked = new ArrayList<>();
          for (GenericKubernetesResource item : items) {
            var annotations = item.getMetadata().getAnnotations();
            if (annotations != null
                && annotations.containsKey(
                    io.clusterfactory.cfctl.core.manifest.ArgoTrackingId.ANNOTATION)) {
              // list items carry no apiVersion/kind on some servers
              item.setApiVersion(apiVersion);
              item.setKind(kind);
              tracked.add(item);
            }
          }
          out.put(groupKind, tracked);
        });
    return out;
  }
}
