package io.clusterfactory.cfctl.core.pipeline;

/**
 * One mutation of a target (a host, the Git repository, the API server), planned in a dry run or
 * performed in a real one.
 *
 * @param target e.g. {@code root@10.0.0.11:22}
 * @param phase the phase that asked for it
 * @param description what it does, in words ("install k0s controller v1.31.2+k0s.0")
 * @param sequence the order it was asked for within its target
 * @param phaseIndex the position of its phase in the run's list, so a plan lists phases in the
 *     order they run whatever the timing of parallel hosts
 */
public record PlannedChange(
    String target, String phase, String description, int sequence, int phaseIndex) {
  public PlannedChange(String target, String phase, String description, int sequence) {
    this(target, phase, description, sequence, 0);
  }
}
