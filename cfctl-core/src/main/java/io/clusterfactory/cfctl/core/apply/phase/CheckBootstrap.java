package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.hydrate.Unhydrated;
import io.clusterfactory.cfctl.core.pipeline.Phase;

/**
 * Refuses, before the first mutation, an apply that would have to install ArgoCD without its
 * hydrated chart (hydration off, or the chart could not be pulled): the {@link Bootstrap} phase
 * applies exactly the objects Helm rendered for {@code gitops-argocd}, and without them the
 * Applications that follow could not even be created. A cluster that does not exist yet (no API to
 * ask) will need the bootstrap; one whose {@code gitops-argocd} Application is healthy does not. A
 * tree without spec.gitops.argocd (ArgoCD runs already) is never checked.
 */
public final class CheckBootstrap implements Phase<ClusterContext> {
  @Override
  public String title() {
    return "Check that ArgoCD can be installed";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.command() == Command.APPLY
        && ctx.includes(ApplyPart.STACKS)
        && !ctx.options().offline()
        && ctx.rendered()
        && Bootstrap.needsBootstrap(ctx)
        && ctx.hydrated().application(Bootstrap.ARGOCD_APPLICATION).isEmpty();
  }

  @Override
  public void run(ClusterContext ctx) {
    if (ctx.client() != null && Bootstrap.argocdManagesItself(ctx)) {
      return; // ArgoCD runs and manages itself: nothing to install
    }
    String why =
        ctx.hydrated().missing().stream()
            .filter(u -> u.application().equals(Bootstrap.ARGOCD_APPLICATION))
            .map(Unhydrated::reason)
            .map(reason -> "its chart could not be hydrated: " + reason)
            .findFirst()
            .orElse("its chart was not hydrated (hydration is off)");
    throw new InvalidInputException(
        (ctx.client() == null ? "the cluster does not exist yet" : "the cluster has no ArgoCD yet")
            + " and ArgoCD cannot be installed: cfctl installs it from the objects Helm renders"
            + " for Application "
            + Bootstrap.ARGOCD_APPLICATION
            + ", and "
            + why,
        "run apply without --no-hydrate (hydration is the default), where the chart repository of manifests/versions.yaml's"
            + " argocd chart is reachable (or its chart is in cfctl's chart cache); nothing was"
            + " changed");
  }
}
