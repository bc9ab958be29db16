package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.DeliveredObjects;
import io.clusterfactory.cfctl.core.kube.ApplyResult;
import io.clusterfactory.cfctl.core.kube.ObjectResult;
import io.clusterfactory.cfctl.core.kube.Pruner;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.Stack;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stack cfctl applied before and cluster.yaml no longer has is pruned: its objects, then its
 * ApplySet parent. Nothing outside cfctl's ApplySets is touched; the bootstrap set is never pruned.
 */
public final class PruneRemovedStacks implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(PruneRemovedStacks.class);

  @Override
  public String title() {
    return "Prune stacks removed from cluster.yaml";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.includes(ApplyPart.STACKS)
        && ctx.options().prune()
        && ctx.rendered()
        && ctx.client() != null;
  }

  @Override
  public void run(ClusterContext ctx) {
    Pruner pruner = new Pruner(ctx.client(), ctx.guard(), ctx.calls());
    Set<String> applied = Set.copyOf(pruner.appliedStacks());
    for (Stack stack : Stack.values()) {
      if (!applied.contains(stack.id())
          || !DeliveredObjects.of(ctx.tree(), Delivery.APP, stack.id()).isEmpty()) {
        continue;
      }
      logger.info("    stack {}: removed from cluster.yaml, pruning", stack.id());
      List<ObjectResult> pruned = pruner.pruneStack(stack.id());
      ctx.stackResults().add(new ApplyResult(stack.id(), pruned));
    }
  }
}
