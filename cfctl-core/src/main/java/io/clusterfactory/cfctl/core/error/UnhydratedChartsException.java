package io.clusterfactory.cfctl.core.error;

import java.util.List;

/**
 * Charts of the tree could not be hydrated, so apply refuses before anything is touched: exit 2
 * when a chart's digest is refused by the lock (the input is wrong), else 3 (a repository could not
 * be reached).
 */
public class UnhydratedChartsException extends CfctlException {
  /** What {@code --no-hydrate} does and what it leaves unchecked; every hint ends with it. */
  public static final String NO_HYDRATE =
      "--no-hydrate to skip hydration: the objects the charts render are then not validated nor"
          + " compared, no chart digest is checked against charts.lock.yaml, and ArgoCD cannot"
          + " be bootstrapped on a new cluster (docs/helm.md)";

  private static final String LOCK_HINT =
      "a chart's digest is not the one in charts.lock.yaml beside cluster.yaml (or in cfctl's"
          + " manifests/charts.lock.yaml): check the repository, or run `cfctl render --hydrate"
          + " --update-lock` if the change is intended (docs/helm.md)";

  private final List<String> charts;
  private final boolean lockRefused;

  /**
   * Apply's refusal: every hint also says what {@code --no-hydrate} skips.
   *
   * @param charts one line per chart: application, chart and why
   * @param lockRefused whether any chart was refused by the lock
   */
  public UnhydratedChartsException(List<String> charts, boolean lockRefused) {
    this(
        charts,
        lockRefused,
        "nothing was touched",
        LOCK_HINT + "; or run with " + NO_HYDRATE,
        "check the chart repositories are reachable (or the chart cache, $CFCTL_CHART_CACHE), or"
            + " run with "
            + NO_HYDRATE);
  }

  /**
   * @param outcome what the run left as it was, e.g. {@code nothing was written to out}
   * @param unreachableHint how to fix it when no chart was refused by the lock
   */
  public UnhydratedChartsException(
      List<String> charts, boolean lockRefused, String outcome, String unreachableHint) {
    this(charts, lockRefused, outcome, LOCK_HINT, unreachableHint);
  }

  private UnhydratedChartsException(
      List<String> charts,
      boolean lockRefused,
      String outcome,
      String lockHint,
      String unreachableHint) {
    super(
        "cannot hydrate "
            + charts.size()
            + " chart(s), "
            + outcome
            + ":\n  "
            + String.join("\n  ", charts),
        lockRefused ? lockHint : unreachableHint,
        null);
    this.charts = List.copyOf(charts);
    this.lockRefused = lockRefused;
  }

  public List<String> charts() {
    return charts;
  }

  @Override
  public ExitCode exitCode() {
    return lockRefused ? ExitCode.INVALID_INPUT : ExitCode.UNREACHABLE;
  }
}
