package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.kube.KubeNames;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The objects cfctl itself puts on the cluster, as apply applies them and diff compares them.
 * Bootstrap objects form their own ApplySet ({@value #BOOTSTRAP}): the gitops stack's prune must
 * never remove the ArgoCD install that ArgoCD then takes over.
 */
public final class DeliveredObjects {
  public static final String BOOTSTRAP = "bootstrap";

  private DeliveredObjects() {}

  /** Objects of {@code delivery}, of one stack (null: all), in the tree's apply order. */
  public static List<GenericKubernetesResource> of(
      RenderedTree tree, Delivery delivery, String stack) {
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (RenderedObject o : tree.objects()) {
      if (o.delivery() == delivery && (stack == null || stack.equals(o.stack()))) {
        GenericKubernetesResource r =
            Serialization.jsonMapper().convertValue(o.body(), GenericKubernetesResource.class);
        if (delivery == Delivery.BOOTSTRAP) {
          label(r, null);
        }
        out.add(r);
      }
    }
    return out;
  }

  /**
   * {@code objects} (hydrated ones, e.g. ArgoCD's chart) as members of the bootstrap ApplySet,
   * under {@code component}; the originals are not modified.
   */
  public static List<GenericKubernetesResource> bootstrap(
      List<GenericKubernetesResource> objects, String component) {
    List<GenericKubernetesResource> out = new ArrayList<>(objects.size());
    for (GenericKubernetesResource o : objects) {
      GenericKubernetesResource r =
          Serialization.jsonMapper().convertValue(o, GenericKubernetesResource.class);
      label(r, component);
      out.add(r);
    }
    return out;
  }

  private static void label(GenericKubernetesResource r, String component) {
    var labels =
        r.getMetadata().getLabels() == null
            ? new HashMap<String, String>()
            : new HashMap<>(r.getMetadata().getLabels());
    labels.put(KubeNames.STACK_LABEL, BOOTSTRAP);
    if (component != null) {
      labels.put(KubeNames.COMPONENT_LABEL, component);
    }
    r.getMetadata().setLabels(labels);
  }
}
