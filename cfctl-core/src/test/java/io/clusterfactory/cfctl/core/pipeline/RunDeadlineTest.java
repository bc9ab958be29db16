package io.clusterfactory.cfctl.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --timeout is the deadline of the whole run: no phase starts after it passed. */
class RunDeadlineTest {
  static Phase<PhaseContext> phase(String title, Runnable work, List<String> ran) {
    return new Phase<>() {
      @Override
      public String title() {
        return title;
      }

      @Override
      public void run(PhaseContext ctx) {
        ran.add(title);
        work.run();
      }
    };
  }

  @Test
  void noPhaseStartsAfterTheDeadlineAndTheErrorSaysWhich() {
    List<String> ran = new ArrayList<>();
    PhaseContext ctx = new PhaseContext(false, Duration.ofMillis(300));
    Phases<PhaseContext> phases =
        Phases.of(
            phase("slow", () -> sleep(500), ran),
            phase("next", () -> {}, ran),
            phase("last", () -> {}, ran));
    UnreachableException e =
        assertThrows(UnreachableException.class, () -> new PhaseManager<>(phases).run(ctx));
    assertEquals(List.of("slow"), ran);
    assertEquals(ExitCode.UNREACHABLE, e.exitCode());
    assertTrue(e.getMessage().contains("\"next\""), e.getMessage());
    assertTrue(ctx.remaining().isZero());
  }

  @Test
  void theSummaryTimesEveryPhaseThatRan() {
    List<String> ran = new ArrayList<>();
    PhaseManager<PhaseContext> manager =
        new PhaseManager<>(Phases.of(phase("a", () -> sleep(20), ran), phase("b", () -> {}, ran)));
    List<PhaseResult> results = manager.run(new PhaseContext(false, Duration.ofMinutes(1)));
    assertEquals(List.of("a", "b"), results.stream().map(PhaseResult::title).toList());
    assertTrue(results.get(0).elapsed().toMillis() >= 20, results.toString());
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
