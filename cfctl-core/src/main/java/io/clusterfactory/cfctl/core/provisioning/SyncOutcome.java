package io.clusterfactory.cfctl.core.provisioning;

import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import io.clusterfactory.cfctl.grendel.sync.SyncPlan;
import io.clusterfactory.cfctl.grendel.sync.SyncResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sync of cluster.yaml's inventory to a Grendel server.
 *
 * @param endpoint the Grendel API
 * @param dryRun true when nothing was sent
 * @param plan what differs
 * @param result what was applied; null in a dry run or when nothing differed
 * @param changes the mutations recorded by the guard (planned in a dry run, performed otherwise)
 */
public record SyncOutcome(
    String endpoint,
    boolean dryRun,
    SyncPlan plan,
    SyncResult result,
    List<PlannedChange> changes) {

  /** The plan, then one line saying what happened. */
  public String text() {
    String last;
    if (plan.isEmpty()) {
      last = endpoint + " already matches cluster.yaml; nothing to do";
    } else if (dryRun) {
      last = "dry run: nothing was changed on " + endpoint;
    } else {
      last = "applied to " + endpoint + " in " + result.requests() + " requests";
    }
    return plan.render() + last + "\n";
  }

  /** {@code {"endpoint", "dryRun", "plan": report, "result"}}, indented. */
  public String json() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("endpoint", endpoint);
    out.put("dryRun", dryRun);
    out.put("plan", plan.report());
    out.put("result", result);
    return GrendelJson.pretty(out);
  }
}
