package io.clusterfactory.cfctl.core.kube;

import java.time.Duration;

/**
 * Exponential backoff with full jitter for transient API failures: attempt n sleeps a random time
 * in [0, min(max, initial * 2^n)]. The run's {@link Deadline} bounds the total.
 */
public record RetryPolicy(Duration initial, Duration max, int maxAttempts) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), 10);

  public RetryPolicy {
    if (initial.isNegative() || max.compareTo(initial) < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "bad retry policy " + initial + "/" + max + "/" + maxAttempts);
    }
  }

  /** Upper bound of the sleep before retry number {@code attempt} (0-based). */
  Duration ceiling(int attempt) {
    long factor = 1L << Math.min(attempt, 30);
    long millis = initial.toMillis() * factor;
    return millis < 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
