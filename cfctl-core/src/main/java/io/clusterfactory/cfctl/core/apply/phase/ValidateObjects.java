package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.validate.Finding;
import io.clusterfactory.cfctl.core.validate.ObjectValidator;
import io.clusterfactory.cfctl.core.validate.ValuesCheck;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every object of the rendered tree (and of the hydrated charts), and the values each chart
 * was given, before anything is changed: an object an API server or Argo CD would refuse, or values
 * a chart's values.schema.json refuses, ends the run with exit 2, every finding listed, nothing
 * touched; a values key no template reads is a warning (docs/validation.md).
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
    List<Finding> findings =
        new ArrayList<>(
            new ObjectValidator()
                .validate(
                    ObjectValidator.targets(ctx.tree(), ctx.hydrated()),
                    ObjectValidator.location(ctx.config().cluster().spec().gitops(), ctx.tree())));
    findings.addAll(
        new ValuesCheck(ValuesCheck.site(ctx.config().cluster(), ctx.config().source()))
            .check(ctx.hydrated()));
    for (Finding f : findings) {
      if (f.severity() == Finding.Severity.WARNING) {
        logger.warn("Warning: {}", f.format());
        // and in the run's notes, which diff -o json|markdown and apply's result carry
        ctx.note("warning: " + f.format());
      } else if (f.severity() == Finding.Severity.NOTE) {
        logger.debug("Note: {}", f.format());
      }
    }
    ObjectValidator.requireValid(findings);
  }
}
