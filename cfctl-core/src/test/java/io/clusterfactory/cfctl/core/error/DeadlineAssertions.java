package io.clusterfactory.cfctl.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.function.Executable;

/** What the deadline tests assert of a peer that misbehaves: unreachable (exit 3), in time. */
public final class DeadlineAssertions {
  private DeadlineAssertions() {}

  /** Runs {@code action}, which must fail as unreachable before {@code limit} has passed. */
  public static UnreachableException failsWithin(Duration limit, Executable action) {
    long started = System.nanoTime();
    UnreachableException error = assertThrows(UnreachableException.class, action);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(
        elapsed.compareTo(limit) < 0,
        "took " + elapsed + ", more than " + limit + ": " + error.getMessage());
    assertEquals(3, error.exitCode().code());
    return error;
  }
}
