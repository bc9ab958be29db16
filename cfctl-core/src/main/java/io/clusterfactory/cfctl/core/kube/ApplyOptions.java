package io.clusterfactory.cfctl.core.kube;

/**
 * @param forceConflicts take over fields another manager owns ({@code --force-conflicts})
 * @param prune delete objects of this stack's ApplySet that are no longer desired ({@code --prune},
 *     default on)
 * @param concurrency parallel API writes inside one wave
 */
public record ApplyOptions(boolean forceConflicts, boolean prune, int concurrency) {
  public static final ApplyOptions DEFAULT = new ApplyOptions(false, true, 8);

  public ApplyOptions {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
  }
}
