package io.clusterfactory.cfctl.core.error;

import java.util.List;

/**
 * Charts of the tree could not be hydrated, so apply refuses before anything is touched: exit 2
 * when a chart's digest is refused by the lock (the input is wrong), else 3 (a repository could not
 * be reached).
 */
public class UnhydratedChartsException extends CfctlException {
  private final List<String> charts;
  private final boolean lockRefused;

  /**
   * @param charts one line per chart: application, chart and why
   * @param lockRefused whether any chart was refused by the lock
   */
  public UnhydratedChartsException(List<String> charts, boolean lockRefused) {
    this(
        charts,
        lockRefused,
        "nothing was touched",
        "check the chart repositories are reachable, or apply with --no-hydrate");
  }

  /**
   * @param outcome what the run left as it was, e.g. {@code nothing was written to out}
   * @param unreachableHint how to fix it when no chart was refused by the lock
   */
  public UnhydratedChartsException(
      List<String> charts, boolean lockRefused, String outcome, String unreachableHint) {
    super(
        "cannot hydrate "
            + charts.size()
            + " chart(s), "
            + outcome
            + ":\n  "
            + String.join("\n  ", charts),
        lockRefused
            ? "a chart's digest is not the one in charts.lock.yaml beside cluster.yaml (or in"
                + " cfctl's manifests/charts.lock.yaml): check the repository, or run `cfctl"
                + " render --hydrate --update-lock` if the change is intended (docs/helm.md)"
            : unreachableHint,
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
