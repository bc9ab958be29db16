package io.clusterfactory.cfctl.core.pipeline;

import java.time.Duration;

/** How a phase went: ran, skipped (nothing to do) or failed, and how long it took. */
public record PhaseResult(String title, Status status, Duration elapsed) {
  public enum Status {
    RAN,
    SKIPPED,
    FAILED
  }
}
