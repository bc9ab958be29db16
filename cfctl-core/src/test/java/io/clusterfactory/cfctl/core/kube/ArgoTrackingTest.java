package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** cfctl writes the tracking Argo CD would write, so Argo CD adopts the objects unchanged. */
class ArgoTrackingTest {
  static GenericKubernetesResource object(String yaml) {
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  static String tracking(GenericKubernetesResource o) {
    Map<String, String> a = o.getMetadata().getAnnotations();
    return a == null
        ? null
        : a.get(io.clusterfactory.cfctl.core.manifest.ArgoTrackingId.ANNOTATION);
  }

  @Test
  @DisplayName(
      "<app>:<group>/<kind>:<namespace>/<name>; no namespace: the destination's; CRDs untracked")
  void trackingIdsAsArgoCdWritesThem() {
    List<GenericKubernetesResource> out =
        ArgoTracking.tracked(
            "gitops-argocd",
            "argocd",
            List.of(
                object(
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: argocd-server\n"
                        + "  annotations: {keep: me}\n"),
                object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: other}\n"),
                object(
                    "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                        + "metadata: {name: argocd-server, namespace: argocd}\n"),
                object(
                    "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                        + "metadata: {name: widgets.example.io}\nspec:\n  group: example.io\n"
                        + "  scope: Cluster\n  names: {kind: Widget, plural: widgets}\n"),
                object(
                    "apiVersion: example.io/v1\nkind: Widget\nmetadata: {name: w, namespace: x}\n"),
                object(
                    "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\n")));
    assertEquals("gitops-argocd:apps/Deployment:argocd/argocd-server", tracking(out.get(0)));
    assertEquals("argocd", out.get(0).getMetadata().getNamespace());
    assertEquals("me", out.get(0).getMetadata().getAnnotations().get("keep"));
    assertEquals("gitops-argocd:/ConfigMap:other/cm", tracking(out.get(1)));
    assertEquals(
        "gitops-argocd:rbac.authorization.k8s.io/ClusterRole:argocd/argocd-server",
        tracking(out.get(2)));
    assertNull(out.get(2).getMetadata().getNamespace(), "cluster-scoped: namespace dropped");
    assertNull(tracking(out.get(3)), "the repo server never tracks a CRD");
    assertNull(out.get(4).getMetadata().getNamespace(), "scope from the CRD among the objects");
    assertEquals("gitops-argocd:example.io/Widget:argocd/w", tracking(out.get(4)));
    assertEquals("argocd", out.get(5).getMetadata().getNamespace(), "unknown kind: namespaced");
    assertEquals("gitops-argocd:argoproj.io/AppProject:argocd/p", tracking(out.get(5)));
  }
}
