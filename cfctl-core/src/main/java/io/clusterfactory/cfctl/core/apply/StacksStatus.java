package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.kube.KubeNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code cfctl status} for the stacks: every ArgoCD Application cfctl manages, sync and health. */
public final class StacksStatus {
  /** One Application: its stack and component labels, sync and health as ArgoCD reports them. */
  public record AppStatus(
      String stack, String component, String name, String sync, String health, String revision) {
    public boolean ok() {
      return "Synced".equals(sync) && "Healthy".equals(health);
    }
  }

  /** ArgoCD's Application kind, given in full so reading it needs no discovery round trip. */
  public static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext APPLICATION =
      new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind("Application")
          .withPlural("applications")
          .withNamespaced(true)
          .build();

  private StacksStatus() {}

  public static List<AppStatus> read(KubernetesClient client) {
    return read(client, null);
  }

  /** Through {@code calls} (bounded by the run's deadline, retried) when given. */
  public static List<AppStatus> read(
      KubernetesClient client, io.clusterfactory.cfctl.core.kube.KubeCalls calls) {
    java.util.function.Supplier<List<GenericKubernetesResource>> list =
        () -> {
          try {
            return client
                .genericKubernetesResources(APPLICATION)
                .inAnyNamespace()
                .withLabel("app.kubernetes.io/managed-by", "cfctl")
                .list()
                .getItems();
          } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
              return List.of(); // ArgoCD's kinds are not served: nothing deployed yet
            }
            throw e;
          }
        };
    List<GenericKubernetesResource> apps =
        calls == null ? list.get() : calls.call("listing ArgoCD Applications", list);
    List<AppStatus> out = new ArrayList<>();
    for (GenericKubernetesResource app : apps) {
      Map<String, String> labels =
          app.getMetadata().getLabels() == null ? Map.of() : app.getMetadata().getLabels();
      Object status = app.getAdditionalProperties().get("status");
      Map<?, ?> s = status instanceof Map<?, ?> m ? m : Map.of();
      Map<?, ?> sync = s.get("sync") instanceof Map<?, ?> m ? m : Map.of();
      Map<?, ?> health = s.get("health") instanceof Map<?, ?> m ? m : Map.of();
      out.add(
          new AppStatus(
              labels.getOrDefault(KubeNames.STACK_LABEL, ""),
              labels.getOrDefault(KubeNames.COMPONENT_LABEL, ""),
              app.getMetadata().getName(),
              text(sync, "status", "Unknown"),
              text(health, "status", "Unknown"),
              text(sync, "revision", "")));
    }
    out.sort(Comparator.comparing(AppStatus::stack).thenComparing(AppStatus::name));
    return out;
  }

  private static String text(Map<?, ?> map, String key, String fallback) {
    Object v = map.get(key);
    return v == null ? fallback : v.toString();
  }
}
