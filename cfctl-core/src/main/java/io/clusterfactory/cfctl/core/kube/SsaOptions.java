package io.clusterfactory.cfctl.core.kube;

/**
 * @param forceConflicts take over fields another manager owns ({@code --force-conflicts})
 * @param prune delete objects of this stack's ApplySet that are no longer desired ({@code --prune},
 *     default on)
 * @param concurrency parallel API writes inside one wave
 */
public record SsaOptions(boolean forceConflicts, boolean prune, int concurrency) {
  public static final SsaOptions DEFAULT = new SsaOptions(false, true, 8);

  public SsaOptions {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
  }
}
