package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.validate.Finding;
import io.clusterfactory.cfctl.core.validate.ObjectValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every object of the rendered tree (and of the hydrated charts) before anything is changed:
 * an object an API server or Argo CD would refuse ends the run with exit 2, every finding listed,
 * nothing touched (docs/validation.md).
 */
public final class ValidateObjects implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(ValidateObjects.class);

  @Override
  public String title() {
    return "Validate the rendered objects";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.rendered();
  }

  @Override
  public void run(ClusterContext ctx) {
    var findings =
        new ObjectValidator()
            .validate(
                ObjectValidator.targets(ctx.tree(), ctx.hydrated()),
                ObjectValidator.location(ctx.config().cluster().spec().gitops(), ctx.tree()));
    findings.stream()
        .filter(f -> !f.isError())
        .map(Finding::format)
        .forEach(n -> logger.debug("Note: {}", n));
    ObjectValidator.requireValid(findings);
  }
}
