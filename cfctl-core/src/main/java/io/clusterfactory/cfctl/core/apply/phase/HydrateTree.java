package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.error.UnhydratedChartsException;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.Unhydrated;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the tree's Helm charts in-process (docs/helm.md), right after the tree is rendered and
 * before anything is touched. On apply (dry run included) a chart that could not be pulled or was
 * refused by the lock stops the run (unless {@code --no-hydrate}); a chart source cfctl does not
 * hydrate yet (OCI, Git) is a note, since no flag of the user's could fix it. On diff each one is
 * noted so the diff can say which charts it could not compare (its exit code: {@code
 * DiffExitCodes}).
 */
public final class HydrateTree implements Phase<ClusterContext> {
  @Override
  public String title() {
    return "Hydrate the tree's Helm charts";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.rendered() && ctx.hydrator() != null && !ctx.options().noHydrate();
  }

  @Override
  public void run(ClusterContext ctx) {
    HydratedTree hydrated = ctx.hydrator().hydrate(ctx.tree(), kubeVersion(ctx));
    ctx.hydrated(hydrated);
    if (hydrated.complete()) {
      return;
    }
    if (ctx.command() == Command.DIFF) {
      for (Unhydrated u : hydrated.missing()) {
        ctx.note(
            "not hydrated: " + u.application() + " (" + u.chart().label() + "): " + u.reason());
      }
      return;
    }
    List<Unhydrated> blocking = new ArrayList<>();
    for (Unhydrated u : hydrated.missing()) {
      if (u.notSupported()) {
        ctx.note(
            "not hydrated: "
                + u.application()
                + " ("
                + u.chart().label()
                + "): "
                + u.reason()
                + "; its objects are not checked before Argo CD renders them");
      } else {
        blocking.add(u);
      }
    }
    if (blocking.isEmpty()) {
      return;
    }
    throw new UnhydratedChartsException(
        blocking.stream()
            .map(u -> u.application() + " (" + u.chart().label() + "): " + u.reason())
            .toList(),
        blocking.stream().anyMatch(Unhydrated::lockRefused));
  }

  /**
   * The Kubernetes version templates see: the one the pinned k0s ships ({@code v1.33.4+k0s.0} is
   * Kubernetes {@code v1.33.4}); null (Helm's default) when k0s is not pinned.
   */
  static String kubeVersion(ClusterContext ctx) {
    var spec = ctx.config().cluster().spec();
    return spec == null || spec.k0s() == null ? null : spec.k0s().kubernetesVersion();
  }
}
