package io.clusterfactory.cfctl.core.diff;

import io.clusterfactory.cfctl.core.error.ExitCode;

/**
 * Exit codes of {@code cfctl diff} (docs/diff.md). Two conventions:
 *
 * <ul>
 *   <li>{@link Convention#DEFAULT} (kubectl: 0 no change, 1 changes, above 1 an error): errors keep
 *       cfctl's codes (2 invalid input, 3 unreachable, 4 internal), and an operation that failed, 1
 *       for other commands, is {@value #FAILED} here, so 1 always and only means "changes".
 *   <li>{@link Convention#DETAILED} ({@code --detailed-exitcode}, terraform, helm-diff): 0 no
 *       change, 2 changes, 1 any error whose code would be 1 or 2; 3 (unreachable) and 4 (internal)
 *       are kept, so 2 always and only means "changes" and every other non-zero code is an error.
 * </ul>
 */
public final class DiffExitCodes {
  /** Which mapping to use. */
  public enum Convention {
    DEFAULT,
    DETAILED
  }

  /** A diff whose comparison failed (cfctl's code 1 elsewhere), under the default convention. */
  public static final int FAILED = 5;

  private DiffExitCodes() {}

  /**
   * The exit code for a completed diff. A chart refused by the lock is invalid input whatever else
   * changed (apply would refuse the same input, exit 2): 2, or 1 under {@code --detailed-exitcode}.
   * A chart of the tree being applied that could not be hydrated otherwise (a repository that
   * cannot be reached) is 3 in both conventions, as apply's refusal: the diff still compared and
   * printed the rest. {@code --no-hydrate} gives a diff without charts and without either.
   */
  public static int forReport(DiffReport report, Convention convention) {
    if (report.lockRefused()) {
      return forError(ExitCode.INVALID_INPUT, convention);
    }
    if (report.hydrationBlocksApply()) {
      return forError(ExitCode.UNREACHABLE, convention);
    }
    if (!report.hasChanges()) {
      return 0;
    }
    return convention == Convention.DETAILED ? 2 : 1;
  }

  /** The exit code for a diff that failed with an error of the given code. */
  public static int forError(ExitCode error, Convention convention) {
    if (convention == Convention.DETAILED
        && (error == ExitCode.INVALID_INPUT || error == ExitCode.FAILED)) {
      return 1;
    }
    if (convention == Convention.DEFAULT && error == ExitCode.FAILED) {
      return FAILED;
    }
    return error.code();
  }
}
