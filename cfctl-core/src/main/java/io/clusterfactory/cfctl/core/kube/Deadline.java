package io.clusterfactory.cfctl.core.kube;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The instant a run must end by (`--timeout`); retries and waits never sleep past it. */
public record Deadline(Instant at, Clock clock) {

  public static Deadline in(Duration timeout) {
    Clock clock = Clock.systemUTC();
    return new Deadline(clock.instant().plus(timeout), clock);
  }

  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), at);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean expired() {
    return !clock.instant().isBefore(at);
  }
}
