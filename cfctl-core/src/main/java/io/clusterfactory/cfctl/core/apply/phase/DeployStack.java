package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.DeliveredObjects;
import io.clusterfactory.cfctl.core.apply.StackDelivery;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.Stack;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/**
 * One stack on the cluster: its AppProject, Namespaces and Applications by server-side apply, then
 * a wait until every Application is Synced and Healthy at the pushed commit. One phase per stack,
 * in stack order, so the run's summary shows each stack's time.
 */
public final class DeployStack implements Phase<ClusterContext> {
  private final Stack stack;

  public DeployStack(Stack stack) {
    this.stack = stack;
  }

  public Stack stack() {
    return stack;
  }

  @Override
  public String title() {
    return "Deploy stack " + stack.id();
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.includes(ApplyPart.STACKS)
        && ctx.rendered()
        && (ctx.client() != null || ctx.clusterMissing() != null)
        && !objects(ctx).isEmpty();
  }

  @Override
  public void run(ClusterContext ctx) {
    List<GenericKubernetesResource> objects = objects(ctx);
    StackDelivery.deliver(ctx, stack.id(), objects, ctx.options().prune());
    StackDelivery.await(ctx, objects);
  }

  private List<GenericKubernetesResource> objects(ClusterContext ctx) {
    return DeliveredObjects.of(ctx.tree(), Delivery.APP, stack.id());
  }
}
