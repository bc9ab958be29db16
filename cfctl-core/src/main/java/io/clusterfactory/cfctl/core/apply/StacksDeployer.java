package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.kube.ApplyResult;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.kube.KubeCalls;
import io.clusterfactory.cfctl.core.kube.ObjectResult;
import io.clusterfactory.cfctl.core.kube.Pruner;
import io.clusterfactory.cfctl.core.kube.RetryPolicy;
import io.clusterfactory.cfctl.core.kube.StackApplier;
import io.clusterfactory.cfctl.core.kube.StackProgress;
import io.clusterfactory.cfctl.core.kube.WaitListener;
import io.clusterfactory.cfctl.core.kube.WaitTarget;
import io.clusterfactory.cfctl.core.kube.Waiter;
import io.clusterfactory.cfctl.core.kube.health.KStatus;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.Stack;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the stacks on the cluster (docs/bootstrap.md): the ArgoCD bootstrap while ArgoCD does not
 * manage itself yet, then each stack's AppProject, Namespaces and Applications in stack order,
 * waiting after each stack until everything is Synced and Healthy. A stack cfctl applied before and
 * the config no longer has is pruned.
 */
final class StacksDeployer {
  private static final Logger logger = LoggerFactory.getLogger(StacksDeployer.class);

  private final KubernetesClient client;
  private final MutationGuard guard;
  private final ApplyOptions options;
  private final KubeCalls calls;
  private final Path configDir;

  StacksDeployer(
      KubernetesClient client, MutationGuard guard, ApplyOptions options, Path configDir) {
    this.client = client;
    this.configDir = configDir;
    this.guard = guard;
    this.options = options;
    this.calls =
        new KubeCalls(
            client.getConfiguration().getMasterUrl(),
            RetryPolicy.DEFAULT,
            Deadline.in(options.timeout()));
  }

  /**
   * Called after each stack is applied and ready; a non-null result is a new commit to wait for.
   */
  @FunctionalInterface
  interface AfterStack {
    String run(Stack stack);
  }

  /**
   * @param revision the commit Applications must be synced to
   * @param afterStack run after each stack until it returns a new commit (null: nothing to run)
   */
  List<ApplyResult> deploy(RenderedTree tree, String revision, AfterStack afterStack) {
    StackApplier applier = new StackApplier(client, guard, calls);
    var applyOptions =
        new io.clusterfactory.cfctl.core.kube.SsaOptions(
            options.forceConflicts(), options.prune(), 8);
    Waiter waiter = new Waiter(client, calls, new KStatus(revision), Duration.ofSeconds(2));
    List<ApplyResult> results = new ArrayList<>();

    List<GenericKubernetesResource> bootstrap =
        new ArrayList<>(objects(tree, Delivery.BOOTSTRAP, null));
    RepositoryCredentials.secret(tree, configDir).ifPresent(bootstrap::add);
    if (!bootstrap.isEmpty()) {
      if (argocdManagesItself()) {
        logger.info("==> Bootstrap: ArgoCD already manages itself, nothing to do");
      } else {
        logger.info("==> Bootstrap ArgoCD ({} objects)", bootstrap.size());
        // Never pruned: the bootstrap set shrinks once ArgoCD runs, its objects must stay.
        results.add(
            applier.apply(
                DeliveredObjects.BOOTSTRAP,
                bootstrap,
                new io.clusterfactory.cfctl.core.kube.SsaOptions(
                    options.forceConflicts(), false, 8)));
        waitFor(waiter, bootstrap);
      }
    }

    Set<String> applied = Set.copyOf(new Pruner(client, guard, calls).appliedStacks());
    for (Stack stack : Stack.values()) {
      List<GenericKubernetesResource> objects = objects(tree, Delivery.APP, stack.id());
      if (objects.isEmpty()) {
        if (applied.contains(stack.id()) && options.prune()) {
          logger.info("==> Stack {}: removed from cluster.yaml, pruning", stack.id());
          List<ObjectResult> pruned = new Pruner(client, guard, calls).pruneStack(stack.id());
          results.add(new ApplyResult(stack.id(), pruned));
        }
        continue;
      }
      logger.info("==> Stack {} ({} objects)", stack.id(), objects.size());
      ApplyResult result = applier.apply(stack.id(), objects, applyOptions);
      results.add(result);
      logger.info("    {}", summary(result));
      if (options.waitForStacks() && !guard.dryRun()) {
        waitFor(waiter, objects);
      }
      if (afterStack != null && !guard.dryRun()) {
        String next = afterStack.run(stack);
        if (next != null) {
          // later stacks must be synced to the new commit
          waiter = new Waiter(client, calls, new KStatus(next), Duration.ofSeconds(2));
          afterStack = null;
        }
      }
    }
    return results;
  }

  private void waitFor(Waiter waiter, List<GenericKubernetesResource> objects) {
    if (!options.waitForStacks() || guard.dryRun()) {
      return;
    }
    waiter.waitForStacks(
        WaitTarget.of(objects),
        options.progress() != null ? options.progress() : new LogProgress());
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

  /** Whether the gitops-argocd Application exists and is healthy: the bootstrap is done. */
  private boolean argocdManagesItself() {
    GenericKubernetesResource app;
    try {
      app =
          calls.call(
              "read Application argocd/gitops-argocd",
              () ->
                  client
                      .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                      .inNamespace("argocd")
                      .withName("gitops-argocd")
                      .get());
    } catch (RuntimeException e) {
      // ArgoCD's kinds are not served: ArgoCD is not installed yet.
      logger.debug("no ArgoCD Application kind yet: {}", e.getMessage());
      return false;
    }
    if (app == null) {
      return false;
    }
    Object status = app.getAdditionalProperties().get("status");
    if (!(status instanceof java.util.Map<?, ?> s)) {
      return false;
    }
    Object health = s.get("health");
    return health instanceof java.util.Map<?, ?> h && "Healthy".equals(h.get("status"));
  }

  private static List<GenericKubernetesResource> objects(
      RenderedTree tree, Delivery delivery, String stack) {
    return DeliveredObjects.of(tree, delivery, stack);
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
                    .append(action.name().toLowerCase());
              }
            });
    return b.length() == 0 ? "nothing to do" : b.toString();
  }
}
