package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.diff.ObjectDiff;
import io.clusterfactory.cfctl.core.kube.ApplyResult;
import io.clusterfactory.cfctl.core.kube.LiveDiff;
import io.clusterfactory.cfctl.core.kube.StackApplier;
import io.clusterfactory.cfctl.core.kube.StackProgress;
import io.clusterfactory.cfctl.core.kube.WaitListener;
import io.clusterfactory.cfctl.core.kube.WaitTarget;
import io.clusterfactory.cfctl.core.kube.Waiter;
import io.clusterfactory.cfctl.core.kube.health.ApplicationHealth;
import io.clusterfactory.cfctl.core.kube.health.KStatus;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the cluster phases deliver one set of objects (the bootstrap, a stack): server-side apply
 * through the run's guard, then the wait; in a diff the same objects are compared with the live
 * ones instead; with no cluster yet (a dry run or diff of a new cluster) every object is one to
 * create. Not a phase: the phases that deliver objects share it.
 */
public final class StackDelivery {
  private static final Logger logger = LoggerFactory.getLogger(StackDelivery.class);

  private StackDelivery() {}

  /**
   * Applies (or plans, or compares) {@code objects} as the ApplySet {@code stack}.
   *
   * @param prune whether members of the ApplySet no longer desired are pruned
   */
  public static void deliver(
      ClusterContext ctx, String stack, List<GenericKubernetesResource> objects, boolean prune) {
    if (ctx.client() == null) {
      // no cluster yet: everything would be created, nothing can be read
      for (GenericKubernetesResource o : objects) {
        ctx.guard()
            .mutate("kube/" + ObjectRef.of(o), "server-side apply (create)", null, () -> null);
      }
      if (ctx.comparing()) {
        ctx.liveDiffs().addAll(LiveDiff.allCreated(objects));
      }
      return;
    }
    if (ctx.comparing()) {
      List<ObjectDiff> diffs =
          new LiveDiff(ctx.client(), ctx.guard(), ctx.calls()).compare(objects, prune).objects();
      ctx.liveDiffs().addAll(diffs);
      ctx.liveServer(ctx.client().getConfiguration().getMasterUrl());
    }
    StackApplier applier = new StackApplier(ctx.client(), ctx.guard(), ctx.calls());
    ApplyResult result =
        applier.apply(
            stack,
            objects,
            new io.clusterfactory.cfctl.core.kube.SsaOptions(
                ctx.options().forceConflicts(), prune, 8));
    ctx.stackResults().add(result);
    logger.info("    {}", summary(result));
  }

  /** Waits until {@code objects} are ready at the run's revision (not in a dry run or diff). */
  public static void await(ClusterContext ctx, List<GenericKubernetesResource> objects) {
    if (!ctx.waitForStacks() || ctx.dryRun() || ctx.client() == null) {
      return;
    }
    // Applications name the repository by the URL Argo CD pulls from; an error condition counts
    // only from a comparison made since now (an older one may be of the commit before the push)
    ApplicationHealth applications =
        new ApplicationHealth(
            ctx.revision(), TreeRenderer.pullUrl(ctx.config().cluster()), Instant.now());
    Waiter waiter =
        new Waiter(ctx.client(), ctx.calls(), new KStatus(applications), Duration.ofSeconds(2));
    waiter.waitForStacks(
        WaitTarget.of(objects),
        ctx.options().progress() != null ? ctx.options().progress() : new LogProgress());
  }

  private static String summary(ApplyResult result) {
    StringBuilder b = new StringBuilder();
    result
        .counts()
        .forEach(
            (action, n) -> {
              if (n > 0) {
                b.append(b.length() == 0 ? "" : ", ")
                    .append(n)
                    .append(' ')
                    .append(action.name().toLowerCase(java.util.Locale.ROOT));
              }
            });
    return b.length() == 0 ? "nothing to do" : b.toString();
  }

  /** Progress as log lines, for CI and pipes. */
  private static final class LogProgress implements WaitListener {
    @Override
    public void onProgress(StackProgress p) {
      logger.info(
          "    {}/{}: {}/{} ready{}",
          p.stack(),
          p.component(),
          p.ready(),
          p.total(),
          p.notReady().isEmpty() ? "" : " (waiting for " + p.notReady().get(0) + ")");
    }

    @Override
    public void onStackReady(String stack) {
      logger.info("    {}: ready", stack);
    }
  }
}
