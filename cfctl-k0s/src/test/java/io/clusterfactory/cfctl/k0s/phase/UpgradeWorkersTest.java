package io.clusterfactory.cfctl.k0s.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UpgradeWorkersTest {
  @Test
  void disruptionPercentIsAppliedToTheWorkerCountNotIntegerDividedFirst() {
    // k0sctl computes 10/100 == 0 first and always upgrades one worker at a time
    assertEquals(2, UpgradeWorkers.batchSize(20, 10, 30));
    assertEquals(5, UpgradeWorkers.batchSize(50, 10, 30));
    assertEquals(1, UpgradeWorkers.batchSize(5, 10, 30), "at least one");
    assertEquals(30, UpgradeWorkers.batchSize(100, 50, 30), "capped by the concurrency limit");
    assertEquals(100, UpgradeWorkers.batchSize(100, 100, 0), "0 = no limit");
  }
}
