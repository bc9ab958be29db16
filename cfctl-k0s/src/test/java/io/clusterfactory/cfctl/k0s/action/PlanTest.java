package io.clusterfactory.cfctl.k0s.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
  @Test
  void hostsAreSortedAndStepsKeepTheirOrder() {
    Plan plan =
        Plan.of(
            true,
            List.of(
                new PlannedChange("root@10.0.0.2:22", "Install workers", "install k0s worker", 1),
                new PlannedChange("root@10.0.0.1:22", "Configure k0s", "write k0s.yaml", 1),
                new PlannedChange("root@10.0.0.1:22", "Initialize", "install controller", 2)));
    assertEquals(
        "dry-run: host changes that would be made:\n"
            + "* root@10.0.0.1:22\n"
            + "  - [Configure k0s] write k0s.yaml\n"
            + "  - [Initialize] install controller\n"
            + "* root@10.0.0.2:22\n"
            + "  - [Install workers] install k0s worker\n",
        plan.toText());
    assertEquals("dry-run: no host changes would be made\n", Plan.of(true, List.of()).toText());
    assertEquals(
        List.of("root@10.0.0.1:22", "root@10.0.0.2:22"), List.copyOf(plan.hosts().keySet()));
  }
}
