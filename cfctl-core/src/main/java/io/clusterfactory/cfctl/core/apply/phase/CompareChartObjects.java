package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.diff.HydratedDiffer;
import io.clusterfactory.cfctl.core.diff.HydratedSection;
import io.clusterfactory.cfctl.core.diff.OfflineDiff;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.kube.HydratedLiveDiff;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A diff's comparison of what the tree's charts render (docs/diff.md, "Chart objects"): per
 * Application, the hydrated objects against the live ones, or offline against the base tree's
 * hydrated objects. Runs only in a diff with a hydrator; reads only. The tree's hydration is the
 * run's ({@link ClusterContext#hydrated()}) when an earlier phase made it, else made here once.
 */
public final class CompareChartObjects implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(CompareChartObjects.class);

  @Override
  public String title() {
    return "Compare the objects the charts render";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    if (!ctx.comparing() || ctx.hydrator() == null || !ctx.rendered()) {
      return false;
    }
    return ctx.options().offline()
        ? ctx.includes(ApplyPart.GITOPS) || ctx.includes(ApplyPart.STACKS)
        : ctx.includes(ApplyPart.STACKS) && (ctx.client() != null || ctx.clusterMissing() != null);
  }

  @Override
  public void run(ClusterContext ctx) {
    HydratedTree head = ctx.hydrated();
    if (head == HydratedTree.NONE) {
      head = ctx.hydrator().hydrate(ctx.tree());
      ctx.hydrated(head);
    }
    HydratedSection section;
    if (ctx.options().offline()) {
      section =
          OfflineDiff.hydratedSection(
              ctx.hydrator(), ctx.previous().snapshot(), ctx.previous().ref(), head);
    } else if (ctx.client() == null) {
      // no cluster yet: every chart object would be created
      section = HydratedDiffer.compareTrees("cluster not created yet", HydratedTree.NONE, head);
    } else {
      section = new HydratedLiveDiff(ctx.client(), ctx.calls()).compare(head);
    }
    ctx.hydratedDiff(section);
    logger.info(
        "    {} Applications: {}", section.applications().size(), section.summary().sentence());
    section.notCompared().forEach(n -> logger.warn("    not compared: {}", n.sentence()));
  }
}
