package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.apply.HostStatus;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cfctl status} per host, from the facts {@link GatherK0sFacts} read in its one round trip:
 * reachable, the k0s version and role it runs, and what an interrupted run left on its node.
 */
public final class ReadHostStatus implements Phase<HostsContext> {
  @Override
  public String title() {
    return "Read the hosts' status";
  }

  @Override
  public void run(HostsContext ctx) {
    List<HostStatus> out = new ArrayList<>();
    for (HostState h : ctx.hosts()) {
      String role = h.role().yaml();
      if (!h.connected()) {
        out.add(
            new HostStatus(
                h.spec().displayName(),
                role,
                false,
                false,
                "",
                "",
                h.unreachable() == null ? "not connected" : h.unreachable(),
                ""));
        continue;
      }
      if (!h.running()) {
        out.add(
            new HostStatus(
                h.spec().displayName(), role, true, false, "", "", "k0s is not running", ""));
        continue;
      }
      String disruption =
          h.disruption() == null
              ? ""
              : String.join(
                  ", ",
                  h.disruption().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
      out.add(
          new HostStatus(
              h.spec().displayName(),
              role,
              true,
              true,
              h.runningVersion().toString(),
              h.status().asRole().yaml(),
              disruption.isEmpty()
                  ? ""
                  : "node left "
                      + disruption
                      + " by an interrupted cfctl run; `cfctl apply` restores it",
              disruption));
    }
    ctx.hostStatuses(out);
  }
}
