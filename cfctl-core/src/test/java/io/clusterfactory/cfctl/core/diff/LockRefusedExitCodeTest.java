package io.clusterfactory.cfctl.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.hydrate.Unhydrated;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chart refused by the lock makes a diff exit as for invalid input, whatever else changed; any
 * other unhydrated chart, or a refusal in the base tree only, leaves the exit code to the changes.
 */
class LockRefusedExitCodeTest {
  static DiffReport with(NotHydrated n) {
    return new DiffReport(
        null, null, null, new HydratedSection("git", List.of(), List.of(n)), null);
  }

  static NotHydrated refused(String side) {
    return new NotHydrated(
        "software-demo", "https://r demo 1", "digest x " + Unhydrated.LOCK_REFUSED + "'s y", side);
  }

  @Test
  void aRefusalInTheTreeBeingAppliedIsInvalidInputInBothConventions() {
    DiffReport r = with(refused(""));
    assertTrue(r.lockRefused());
    assertEquals(2, DiffExitCodes.forReport(r, DiffExitCodes.Convention.DEFAULT));
    assertEquals(1, DiffExitCodes.forReport(r, DiffExitCodes.Convention.DETAILED));
  }

  @Test
  void anUnreachableChartOfTheTreeBeingAppliedIsUnreachableInBothConventions() {
    DiffReport r = with(new NotHydrated("software-demo", "", "cannot reach", ""));
    assertFalse(r.lockRefused());
    assertTrue(r.hydrationBlocksApply(), "apply would stop on it, exit 3");
    assertEquals(3, DiffExitCodes.forReport(r, DiffExitCodes.Convention.DEFAULT));
    assertEquals(3, DiffExitCodes.forReport(r, DiffExitCodes.Convention.DETAILED));
  }

  @Test
  void theBaseTreeOrASourceCfctlDoesNotHydrateYetOnlyLeavesTheCodeToTheChanges() {
    for (NotHydrated n :
        List.of(
            refused("base"),
            new NotHydrated("software-demo", "", "cannot reach", "base"),
            new NotHydrated(
                "software-local-path",
                "",
                "GIT " + io.clusterfactory.cfctl.core.hydrate.Unhydrated.NOT_SUPPORTED,
                ""))) {
      DiffReport r = with(n);
      assertFalse(r.lockRefused(), n.toString());
      assertFalse(r.hydrationBlocksApply(), n.toString());
      assertTrue(r.incomplete());
      assertEquals(0, DiffExitCodes.forReport(r, DiffExitCodes.Convention.DEFAULT));
    }
  }
}
