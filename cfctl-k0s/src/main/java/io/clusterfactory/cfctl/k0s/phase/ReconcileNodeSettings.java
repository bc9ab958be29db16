package io.clusterfactory.cfctl.k0s.phase;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.model.NodeSettings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Brings each worker's Node to the labels and taints of {@code spec.hosts[].labels/taints} through
 * the API, on every apply (k0s's {@code --labels}/{@code --taints} install flags act only when a
 * node first registers). Only what cfctl set is removed ({@link NodeSettings#OWNED}). A host that
 * joined in this run may not have registered its Node yet: that is waited for, within the run's
 * deadline.
 */
public final class ReconcileNodeSettings implements Phase<HostsContext> {
  /** How long a Node that this run's join created may take to register. */
  static final Duration REGISTRATION = Duration.ofMinutes(2);

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String title() {
    return "Set node labels and taints";
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    // a run that reaches the API (not --only hosts, which needs no API: docs/hosts.md)
    return ctx.managesHosts()
        && ctx.needsApi()
        && !targets(ctx).isEmpty()
        && (ctx.client() != null || ctx.clusterMissing() != null);
  }

  @Override
  public void run(HostsContext ctx) {
    List<HostState> targets = targets(ctx);
    if (ctx.client() == null) {
      // a new cluster in a dry run or diff: no Node exists yet, every setting would be made
      for (HostState h : targets) {
        NodeSettings want = NodeSettings.of(h.spec());
        record(ctx, h, want.plan(unregistered()));
      }
      return;
    }
    Map<String, Node> nodes = nodes(ctx, targets);
    for (HostState h : targets) {
      NodeSettings want = NodeSettings.of(h.spec());
      Node live = nodes.get(h.hostname());
      if (live == null) {
        if (want.isEmpty()) {
          continue; // nothing to set, nothing cfctl could own
        }
        if (ctx.dryRun()) {
          record(ctx, h, want.plan(unregistered()));
          continue;
        }
        live = awaitRegistration(ctx, h);
      }
      record(ctx, h, want.plan(live));
    }
  }

  /**
   * Workers (controllers without a kubelet have no Node), not leaving the cluster: those with
   * settings, and all others too, since a Node may hold settings cfctl set before.
   */
  private static List<HostState> targets(HostsContext ctx) {
    return ctx.hosts(h -> h.connected() && h.role().runsWorkloads() && !h.spec().reset());
  }

  private static void record(HostsContext ctx, HostState h, NodeSettings.Plan plan) {
    if (plan.patch() == null) {
      return;
    }
    h.nodeChanges(plan.changes());
    String description =
        "node "
            + h.hostname()
            + ": "
            + (plan.changes().isEmpty()
                ? "record what cfctl set"
                : plan.changes().stream()
                    .map(ReconcileNodeSettings::describe)
                    .collect(Collectors.joining(", ")));
    String body = plan.patch().toString();
    ctx.guard()
        .mutate(
            h.name(),
            description,
            () ->
                ctx.calls()
                    .call(
                        "patching Node " + h.hostname(),
                        () ->
                            ctx.client()
                                .nodes()
                                .withName(h.hostname())
                                .patch(PatchContext.of(PatchType.JSON), body)));
  }

  private static String describe(NodeSettings.Change c) {
    if (c.before() == null) {
      return "set " + c.what() + (c.what().startsWith("label ") ? "=" + c.after() : "");
    }
    if (c.after() == null) {
      return "remove " + c.what();
    }
    return c.what() + " " + c.before() + " -> " + c.after();
  }

  /** A Node not registered yet: no labels, no taints. */
  private static Node unregistered() {
    return new io.fabric8.kubernetes.api.model.NodeBuilder()
        .withNewMetadata()
        .endMetadata()
        .build();
  }

  /** The Nodes of {@code targets} by name, in one list call. */
  private static Map<String, Node> nodes(HostsContext ctx, List<HostState> targets) {
    List<Node> all =
        ctx.calls().call("listing Nodes", () -> ctx.client().nodes().list().getItems());
    Map<String, Node> byName = new LinkedHashMap<>();
    for (Node n : all) {
      byName.put(n.getMetadata().getName(), n);
    }
    return byName;
  }

  private static Node awaitRegistration(HostsContext ctx, HostState h) {
    Duration limit = ctx.remaining().compareTo(REGISTRATION) < 0 ? ctx.remaining() : REGISTRATION;
    Instant until = Instant.now().plus(limit);
    while (true) {
      Node n =
          ctx.calls()
              .call(
                  "reading Node " + h.hostname(),
                  () -> ctx.client().nodes().withName(h.hostname()).get());
      if (n != null) {
        return n;
      }
      if (!Instant.now().isBefore(until)) {
        throw new OperationFailedException(
            h.name()
                + ": Node "
                + h.hostname()
                + " did not register within "
                + limit.toSeconds()
                + "s, so its labels and taints are not set",
            "check the kubelet on the host (journalctl -u k0sworker) and run apply again",
            null);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Node " + h.hostname(), e);
      }
    }
  }
}
