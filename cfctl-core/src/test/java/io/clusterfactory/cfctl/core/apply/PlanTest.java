package io.clusterfactory.cfctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clusterfactory.cfctl.core.pipeline.PhaseResult;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
  @Test
  void phasesInRunOrderTargetsSortedInsideAPhaseEachLineLabelled() {
    Plan plan =
        Plan.of(
            true,
            List.of(
                new PlannedChange("root@10.0.0.2:22", "Install workers", "install worker", 1, 5),
                new PlannedChange("kube/v1/Namespace/argocd", "Bootstrap ArgoCD", "apply", 1, 9),
                new PlannedChange("root@10.0.0.1:22", "Configure k0s", "write k0s.yaml", 1, 2),
                new PlannedChange("root@10.0.0.1:22", "Install workers", "install worker", 2, 5),
                new PlannedChange("file:///g.git", "Commit and push", "commit", 1, 8)));
    assertEquals(
        "==> Configure k0s\n"
            + "  root@10.0.0.1:22: write k0s.yaml\n"
            + "==> Install workers\n"
            + "  root@10.0.0.1:22: install worker\n"
            + "  root@10.0.0.2:22: install worker\n"
            + "==> Commit and push\n"
            + "  file:///g.git: commit\n"
            + "==> Bootstrap ArgoCD\n"
            + "  kube/v1/Namespace/argocd: apply\n"
            + "dry-run: 5 changes would be made\n",
        plan.toText());
    assertEquals("dry-run: no changes would be made\n", Plan.of(true, List.of()).toText());
  }

  @Test
  void aDryRunListsEveryPhaseItRanAndNoneItSkipped() {
    var ran =
        List.of(
            new PhaseResult("Connect to hosts", PhaseResult.Status.RAN, java.time.Duration.ZERO),
            new PhaseResult(
                "Acquire the cluster lease", PhaseResult.Status.SKIPPED, java.time.Duration.ZERO),
            new PhaseResult("Configure k0s", PhaseResult.Status.RAN, java.time.Duration.ZERO));
    Plan plan =
        Plan.of(
            true,
            List.of(new PlannedChange("root@10.0.0.1:22", "Configure k0s", "write", 1, 2)),
            ran);
    assertEquals(
        "==> Connect to hosts: no change\n==> Configure k0s\n  root@10.0.0.1:22: write\n"
            + "dry-run: 1 change would be made\n",
        plan.toText());
    assertFalse(plan.toJson().contains("lease"), plan.toJson());
  }

  @Test
  void jsonAndYamlHaveNoEmptyLabelsOrStrayFields() {
    Plan plan =
        Plan.of(
            true, List.of(new PlannedChange("root@10.0.0.1:22", "Configure k0s", "write", 1, 2)));
    String json = plan.toJson();
    assertEquals(
        "{\n  \"dryRun\" : true,\n  \"phases\" : [ {\n    \"phase\" : \"Configure k0s\",\n"
            + "    \"changes\" : [ {\n      \"target\" : \"root@10.0.0.1:22\",\n"
            + "      \"change\" : \"write\"\n    } ]\n  } ]\n}\n",
        json);
    assertFalse(json.contains("empty"), json);
    assertEquals(
        "dryRun: true\nphases:\n  - phase: Configure k0s\n    changes:\n"
            + "      - target: root@10.0.0.1:22\n        change: write\n",
        plan.toYaml());
  }
}
