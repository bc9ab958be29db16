package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.apply.StackDelivery;
import io.clusterfactory.cfctl.core.config.ExtraManifest;
import io.clusterfactory.cfctl.core.kube.KubeNames;
import io.clusterfactory.cfctl.core.kube.Pruner;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The further documents of the config file (Kubernetes objects beside the Cluster), applied once
 * the cluster is up, as k0sctl does: server-side, as their own ApplySet ({@value #APPLYSET}), so
 * one removed from the file is pruned and nothing else is touched; compared in a diff like the
 * stacks' objects.
 */
public final class ApplyExtraManifests implements Phase<ClusterContext> {
  /** The ApplySet of the config file's own manifests. */
  public static final String APPLYSET = "manifests";

  @Override
  public String title() {
    return "Apply the config file's manifests";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return (ctx.command() == Command.APPLY || ctx.command() == Command.DIFF)
        && ctx.includes(ApplyPart.STACKS)
        && !ctx.options().offline()
        && (ctx.client() != null || ctx.clusterMissing() != null)
        && (!ctx.config().manifests().isEmpty() || appliedBefore(ctx));
  }

  /** Whether an earlier run applied manifests of the file, which may have to be pruned now. */
  private static boolean appliedBefore(ClusterContext ctx) {
    return ctx.client() != null
        && ctx.options().prune()
        && new Pruner(ctx.client(), ctx.guard(), ctx.calls()).appliedStacks().contains(APPLYSET);
  }

  @Override
  public void run(ClusterContext ctx) {
    List<GenericKubernetesResource> objects = objects(ctx);
    // an empty set still runs on a live cluster: the documents removed from the file are pruned
    StackDelivery.deliver(ctx, APPLYSET, objects, ctx.options().prune());
    StackDelivery.await(ctx, objects);
  }

  static List<GenericKubernetesResource> objects(ClusterContext ctx) {
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (ExtraManifest m : ctx.config().manifests()) {
      GenericKubernetesResource r =
          Serialization.jsonMapper().convertValue(m.body(), GenericKubernetesResource.class);
      var labels =
          r.getMetadata().getLabels() == null
              ? new HashMap<String, String>()
              : new HashMap<>(r.getMetadata().getLabels());
      labels.put(KubeNames.STACK_LABEL, APPLYSET);
      r.getMetadata().setLabels(labels);
      out.add(r);
    }
    return out;
  }
}
