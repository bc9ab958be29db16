package io.clusterfactory.cfctl.k0s.commands;

import io.clusterfactory.cfctl.core.config.v1beta1.Options;
import io.clusterfactory.cfctl.k0s.DisruptionRecord;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What cfctl asks of the Kubernetes node of a host, in one place: drain, uncordon, the evict taint
 * and node removal, each run with {@code k0s kubectl} on the leader (the admin kubeconfig is there)
 * and through the guard, so a dry run lists them.
 */
public final class NodeCommands {
  private NodeCommands() {}

  /** Whether workers are drained before they are upgraded or removed (option and --no-drain). */
  public static boolean drainEnabled(HostsContext ctx) {
    return Boolean.TRUE.equals(ctx.cluster().spec().options().drain().enabled())
        && !ctx.options().noDrain();
  }

  /** The evict taint to put on {@code h} while it is upgraded, or null when none applies. */
  public static Options.EvictTaint evictTaint(HostsContext ctx, HostState h) {
    Options.EvictTaint taint = ctx.cluster().spec().options().evictTaint();
    if (!Boolean.TRUE.equals(taint.enabled()) || !h.role().runsWorkloads()) {
      return null;
    }
    if (h.role().isController() && !Boolean.TRUE.equals(taint.controllerWorkers())) {
      return null;
    }
    return taint;
  }

  public static void drain(HostsContext ctx, HostState h) {
    Options.Drain d = ctx.cluster().spec().options().drain();
    List<String> words = new ArrayList<>();
    words.add("kubectl");
    words.add("drain");
    words.add("--grace-period=" + d.gracePeriod().value().toSeconds());
    words.add("--timeout=" + d.timeout().value().toSeconds() + "s");
    if (Boolean.TRUE.equals(d.force())) {
      words.add("--force");
    }
    if (Boolean.TRUE.equals(d.ignoreDaemonSets())) {
      words.add("--ignore-daemonsets");
    }
    if (Boolean.TRUE.equals(d.deleteEmptyDirData())) {
      words.add("--delete-emptydir-data");
    }
    if (d.podSelector() != null && !d.podSelector().isEmpty()) {
      words.add("--pod-selector=" + d.podSelector());
    }
    if (d.skipWaitForDeleteTimeout() != null && !d.skipWaitForDeleteTimeout().value().isZero()) {
      words.add(
          "--skip-wait-for-delete-timeout=" + d.skipWaitForDeleteTimeout().value().toSeconds());
    }
    words.add(h.hostname());
    onLeader(ctx, h, "drain node " + h.hostname(), "draining " + h.hostname(), words);
  }

  public static void uncordon(HostsContext ctx, HostState h) {
    onLeader(
        ctx,
        h,
        "uncordon node " + h.hostname(),
        "uncordoning " + h.hostname(),
        List.of("kubectl", "uncordon", h.hostname()));
  }

  /**
   * Puts the evict taint on the node ({@code --overwrite}: a taint left by a killed run is fine).
   */
  public static void taint(HostsContext ctx, HostState h, Options.EvictTaint taint) {
    String spec = taint.taint() + ":" + taint.effect();
    onLeader(
        ctx,
        h,
        "taint node " + h.hostname() + " with " + spec,
        "tainting " + h.hostname(),
        List.of("kubectl", "taint", "nodes", h.hostname(), spec, "--overwrite"));
  }

  /** Removes the evict taint (by key and effect, whatever its value). */
  public static void untaint(HostsContext ctx, HostState h, Options.EvictTaint taint) {
    untaintIfPresent(ctx, h, taint.taint() + ":" + taint.effect());
  }

  /** Deletes the node object, so a host reset out of the cluster does not linger as NotReady. */
  public static void deleteNode(HostsContext ctx, HostState h) {
    onLeader(
        ctx,
        h,
        "delete node " + h.hostname(),
        "deleting node " + h.hostname(),
        List.of("kubectl", "delete", "node", h.hostname(), "--ignore-not-found"));
  }

  /** Where {@code h} keeps its {@link DisruptionRecord}. */
  public static String disruptionRecord(HostState h) {
    return DisruptionRecord.path(h.dataDir());
  }

  /**
   * Records on the host, before its node is cordoned or tainted, what is about to be done, so a run
   * killed halfway leaves enough behind for the next apply to undo it ({@link
   * RestoreDisruptedNodes}). A record a killed run left keeps its lines: what it lists is still to
   * be undone.
   *
   * @return what this run records (to pass to {@link #endDisruption}), or null for nothing
   */
  public static String beginDisruption(
      HostsContext ctx, HostState h, boolean drain, Options.EvictTaint taint) {
    LinkedHashSet<String> mine = new LinkedHashSet<>();
    if (drain) {
      mine.add("cordoned");
    }
    if (taint != null) {
      mine.add("taint " + taint.taint() + ":" + taint.effect());
    }
    if (mine.isEmpty()) {
      return null;
    }
    LinkedHashSet<String> lines = new LinkedHashSet<>();
    if (h.disruption() != null) {
      h.disruption().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
    }
    lines.addAll(mine);
    String record = String.join("\n", lines) + "\n";
    ctx.guard()
        .mutate(
            h.name(),
            "record the disruption of node " + h.hostname() + " at " + disruptionRecord(h),
            () -> {
              h.remote().writeFile(disruptionRecord(h), record, 0644);
              return null;
            });
    if (!ctx.dryRun()) {
      h.disruption(record);
    }
    return String.join("\n", mine) + "\n";
  }

  /**
   * Removes the record once the node is back, if it lists only what this run undid ({@code mine},
   * from {@link #beginDisruption}); a record with more is left to {@link RestoreDisruptedNodes}.
   */
  public static void endDisruption(HostsContext ctx, HostState h, String mine) {
    if (mine != null && mine.equals(h.disruption())) {
      endDisruption(ctx, h);
    }
  }

  /** Removes the record once the node is back (uncordoned, untainted). */
  public static void endDisruption(HostsContext ctx, HostState h) {
    if (h.disruption() == null) {
      return;
    }
    String path = disruptionRecord(h);
    ctx.guard()
        .mutate(
            h.name(),
            "remove the disruption record " + path,
            () -> K0sCommands.must(h, "removing " + path, "rm -f " + ShellQuote.quote(path)));
    if (!ctx.dryRun()) {
      h.disruption(null);
    }
  }

  /**
   * Removes a taint given as {@code key=value:Effect} or {@code key:Effect}; one that is already
   * gone is fine (a run killed right after removing it).
   */
  public static void untaintIfPresent(HostsContext ctx, HostState h, String spec) {
    String key = spec.substring(0, spec.indexOf(spec.contains("=") ? '=' : ':'));
    String effect = spec.substring(spec.lastIndexOf(':') + 1);
    HostState leader = ctx.leader();
    String cmd =
        K0sCommands.k0s(
            leader,
            ShellQuote.join(
                List.of("kubectl", "taint", "nodes", h.hostname(), key + ":" + effect + "-")));
    ctx.guard()
        .mutate(
            h.name(),
            "remove taint "
                + key
                + ":"
                + effect
                + " from node "
                + h.hostname()
                + " (on "
                + leader.name()
                + ")",
            () -> {
              var result = leader.remote().exec(cmd);
              if (!result.ok() && !result.stderr().contains("not found")) {
                result.orThrow(leader.name() + ": removing taint " + key + " from " + h.hostname());
              }
              return null;
            });
  }

  private static void onLeader(
      HostsContext ctx, HostState h, String description, String what, List<String> k0sArgs) {
    HostState leader = ctx.leader();
    String cmd = K0sCommands.k0s(leader, ShellQuote.join(k0sArgs));
    ctx.guard()
        .mutate(
            h.name(),
            description + " (on " + leader.name() + ")",
            () -> K0sCommands.must(leader, what, cmd));
  }
}
