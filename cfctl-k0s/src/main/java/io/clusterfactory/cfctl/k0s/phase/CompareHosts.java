package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.diff.ChangeKind;
import io.clusterfactory.cfctl.core.diff.HostDiff;
import io.clusterfactory.cfctl.core.diff.HostsSection;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code cfctl diff}'s hosts part, from what the read-only run learnt: each host's k0s version now
 * (from its facts) and after (the target, for a host the plan changes), so a converged cluster
 * shows no change.
 */
public final class CompareHosts implements Phase<HostsContext> {
  @Override
  public String title() {
    return "Compare hosts with cluster.yaml";
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return ctx.comparing() && ctx.managesHosts();
  }

  @Override
  public void run(HostsContext ctx) {
    Set<String> changed = new TreeSet<>();
    for (PlannedChange c : ctx.guard().changes()) {
      changed.add(c.target());
    }
    String target = ctx.targetVersion() == null ? "" : ctx.targetVersion().toString();
    List<HostDiff> hosts = new ArrayList<>();
    for (HostState h : ctx.hosts()) {
      String before = h.running() ? h.runningVersion().toString() : "";
      boolean change = changed.contains(h.name());
      ChangeKind action =
          !change
              ? ChangeKind.UNCHANGED
              : h.spec().reset()
                  ? ChangeKind.DELETE
                  : before.isEmpty() ? ChangeKind.CREATE : ChangeKind.UPDATE;
      String after = !change ? before : h.spec().reset() ? "" : target;
      // the Node's labels and taints, shown as the host's settings that change
      List<HostDiff.FlagChange> settings =
          h.nodeChanges().stream()
              .map(n -> new HostDiff.FlagChange(n.what(), n.before(), n.after()))
              .toList();
      hosts.add(new HostDiff(h.name(), h.role().yaml(), action, before, after, settings));
    }
    HostState leader = ctx.leaderOrNull();
    String clusterBefore =
        leader != null && leader.running() ? leader.runningVersion().toString() : "";
    ctx.hostsDiff(
        new HostsSection(clusterBefore, target.isEmpty() ? clusterBefore : target, hosts));
  }
}
