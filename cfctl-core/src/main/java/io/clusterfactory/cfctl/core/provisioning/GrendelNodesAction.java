package io.clusterfactory.cfctl.core.provisioning;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.ClusterSpec;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.clusterfactory.cfctl.core.pipeline.PhaseContext;
import io.clusterfactory.cfctl.grendel.api.ClientOptions;
import io.clusterfactory.cfctl.grendel.api.GrendelApiException;
import io.clusterfactory.cfctl.grendel.api.GrendelClient;
import io.clusterfactory.cfctl.grendel.api.GrendelClients;
import io.clusterfactory.cfctl.grendel.api.PowerAction;
import io.clusterfactory.cfctl.grendel.api.PowerResult;
import io.clusterfactory.cfctl.grendel.api.PowerStatus;
import io.clusterfactory.cfctl.grendel.config.GrendelDefaults;
import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import io.clusterfactory.cfctl.grendel.inventory.Finding;
import io.clusterfactory.cfctl.grendel.inventory.Resolution;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedNode;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import io.clusterfactory.cfctl.grendel.sync.ServerState;
import io.clusterfactory.cfctl.grendel.sync.SyncExecutor;
import io.clusterfactory.cfctl.grendel.sync.SyncPlan;
import io.clusterfactory.cfctl.grendel.sync.SyncPlanner;
import io.clusterfactory.cfctl.grendel.sync.SyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The live {@code cfctl nodes} operations against the running Grendel of {@code
 * spec.provisioning.grendel}: list, provision, power and sync. Nodesets are checked against the
 * inventory of cluster.yaml before any request; every change goes through the {@link MutationGuard}
 * of the command's one {@link PhaseContext} (read-only for {@code --dry-run}), whose target is the
 * Grendel endpoint; Grendel API failures become cfctl errors with exit codes.
 */
public final class GrendelNodesAction implements AutoCloseable {
  private static final String CONFIG_PATH = "spec.provisioning.grendel";
  private static final String UPGRADE_HINT =
      "set "
          + CONFIG_PATH
          + ".apiGeneration: v0.2 if the server runs upstream Grendel v0.2 or later";

  private final ResolvedInventory inventory;
  private final GrendelClient client;
  private final MutationGuard guard;

  private GrendelNodesAction(
      ResolvedInventory inventory, GrendelClient client, MutationGuard guard) {
    this.inventory = inventory;
    this.client = client;
    this.guard = guard;
  }

  /**
   * Resolves the inventory of {@code config} and prepares a client for its Grendel API (no request
   * is sent yet).
   *
   * @param environment looks up environment variables (the API token named by {@code tokenEnv})
   * @param run the command's context: its guard passes (or, in a dry run, only records) every
   *     change
   * @throws InvalidInputException without a grendel block or api endpoint, with an unset token
   *     variable, or when the inventory does not validate
   */
  public static GrendelNodesAction open(
      LoadedConfig config, Function<String, String> environment, PhaseContext run) {
    return open(config, environment, ClientOptions.defaults(), run);
  }

  /** As {@link #open(LoadedConfig, Function, PhaseContext)} with explicit timeouts and retries. */
  public static GrendelNodesAction open(
      LoadedConfig config,
      Function<String, String> environment,
      ClientOptions options,
      PhaseContext run) {
    ClusterSpec spec = config.cluster().spec();
    GrendelSpec grendel = spec.provisioning() == null ? null : spec.provisioning().grendel();
    if (grendel == null) {
      throw new InvalidInputException(
          config.source() + " has no " + CONFIG_PATH + " block, so there is no Grendel to talk to",
          "describe the Grendel server, its api endpoint and the node groups under "
              + CONFIG_PATH
              + " (see docs/grendel.md)");
    }
    if (grendel.api() == null || (grendel.api().url() == null && grendel.api().socket() == null)) {
      throw new InvalidInputException(
          config.source() + ": " + CONFIG_PATH + ".api is not set, so cfctl cannot reach Grendel",
          "add api.url (e.g. http://192.168.0.3:8080) or api.socket under " + CONFIG_PATH);
    }
    Resolution resolution = config.facts().inventory();
    if (resolution.hasErrors()) {
      String problems =
          resolution.findings().stream()
              .filter(Finding::isError)
              .map(f -> CONFIG_PATH + "." + f)
              .collect(Collectors.joining("; "));
      throw new InvalidInputException(
          "the Grendel inventory of " + config.source() + " is invalid: " + problems,
          "run `cfctl validate " + config.source() + "` for every problem with its position");
    }
    GrendelClient client;
    try {
      // a loaded grendel block carries its defaults (StackDefaults), the API generation included
      client = GrendelClients.create(grendel.api(), grendel.apiGeneration(), environment, options);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), null, e);
    }
    return new GrendelNodesAction(resolution.inventory(), client, run.guard());
  }

  /** The Grendel API endpoint (URL or socket path): the target of every change. */
  public String endpoint() {
    return client.endpoint();
  }

  /**
   * The nodes the server holds, all or those of {@code nodes} (which may name nodes outside
   * cluster.yaml: the server's view is listed), compared with the inventory.
   */
  public NodeListing list(NodeSet nodes) {
    List<GrendelHost> hosts =
        call(() -> nodes == null ? client.listNodes() : client.findNodes(nodes));
    NodeSet onServer = NodeSet.of(hosts.stream().map(GrendelHost::name).toList());
    NodeSet wanted = nodes == null ? inventory.nodeSet() : nodes.intersection(inventory.nodeSet());
    NodeSet managed = inventory.nodeSet();
    return new NodeListing(
        endpoint(), hosts, wanted.difference(onServer), onServer.difference(managed));
  }

  /** Lets the nodes netboot (Grendel's provision flag). */
  public NodeSet provision(NodeSet nodes) {
    return setProvision(nodes, true);
  }

  /** Stops the nodes from netbooting into the installer. */
  public NodeSet unprovision(NodeSet nodes) {
    return setProvision(nodes, false);
  }

  private NodeSet setProvision(NodeSet nodes, boolean provision) {
    requireInInventory(nodes);
    requireOnServer(nodes);
    String verb = provision ? "provision" : "unprovision";
    guard.mutate(
        endpoint(),
        verb + " " + nodes.fold(),
        () -> {
          call(
              () -> {
                if (provision) {
                  client.provision(nodes);
                } else {
                  client.unprovision(nodes);
                }
                return null;
              });
          return null;
        });
    return nodes;
  }

  /** Sends a Redfish power action through Grendel's BMC endpoints (v0.2 servers). */
  public PowerOutcome power(PowerAction action, NodeSet nodes) {
    requirePowerApi();
    requireInInventory(nodes);
    requirePowerManaged(nodes);
    List<PowerResult> results =
        guard.mutate(
            endpoint(),
            "power " + action.name().toLowerCase(Locale.ROOT) + " " + nodes.fold(),
            List.<PowerResult>of(),
            () -> call(() -> client.power(nodes, action)));
    return new PowerOutcome(endpoint(), action, nodes, results);
  }

  /** The power state of each node as its BMC reports it through Grendel. */
  public List<PowerStatus> powerStatus(NodeSet nodes) {
    requirePowerApi();
    requireInInventory(nodes);
    requirePowerManaged(nodes);
    return call(() -> client.powerStatus(nodes));
  }

  /**
   * Plans the difference between cluster.yaml and the server and, unless the command's guard is a
   * dry run's, applies it in batches: images before nodes; deletes only with {@code prune}.
   */
  public SyncOutcome sync(boolean prune, int batchSize) {
    if (batchSize < 1) {
      throw new InvalidInputException(
          "batch size must be at least 1, got " + batchSize,
          "the default is " + GrendelDefaults.SYNC_BATCH_SIZE);
    }
    ServerState state = call(() -> ServerState.fetch(client));
    SyncPlan plan = SyncPlanner.plan(inventory, state, prune);
    SyncResult result = null;
    if (!plan.isEmpty()) {
      result =
          guard.mutate(
              endpoint(),
              "sync " + summary(plan),
              null,
              () -> call(() -> SyncExecutor.apply(plan, client, batchSize)));
    }
    return new SyncOutcome(endpoint(), guard.dryRun(), plan, result, guard.changes());
  }

  private static String summary(SyncPlan plan) {
    SyncPlan.Report report = plan.report();
    return String.format(
        Locale.ROOT,
        "images +%d ~%d -%d, nodes +%d ~%d -%d",
        report.images().create(),
        report.images().update(),
        report.images().delete(),
        report.nodes().create(),
        report.nodes().update(),
        report.nodes().delete());
  }

  private void requireInInventory(NodeSet nodes) {
    if (nodes == null || nodes.isEmpty()) {
      throw new InvalidInputException("the nodeset is empty", "name nodes like cn[001-004]");
    }
    NodeSet unknown = nodes.difference(inventory.nodeSet());
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          unknown.fold() + " not in the inventory of cluster.yaml",
          "the inventory has " + inventory.nodeSet().fold());
    }
  }

  /** Checked first: with the legacy API no cluster.yaml change makes power possible. */
  private void requirePowerApi() {
    if (!client.generation().hasPowerApi()) {
      throw new OperationFailedException(
          "Grendel at "
              + endpoint()
              + " speaks the legacy API, which has no BMC endpoints, so cfctl cannot power nodes"
              + " through it",
          UPGRADE_HINT + ", or use `grendel bmc` on the server",
          null);
    }
  }

  private void requirePowerManaged(NodeSet nodes) {
    List<String> unmanaged = new ArrayList<>();
    var byName = inventory.nodesByName();
    for (String name : nodes) {
      ResolvedNode node = byName.get(name);
      if (!node.powerManaged() || node.bmcIp() == null) {
        unmanaged.add(name);
      }
    }
    if (!unmanaged.isEmpty()) {
      throw new InvalidInputException(
          NodeSet.fold(unmanaged) + " have no BMC in cluster.yaml, so they cannot be powered",
          "give their group bmcStart (or bmcIps) and bmc credentials under "
              + CONFIG_PATH
              + ".groups");
    }
  }

  /** Nodes missing on the server would be a silent no-op for provisioning flags. */
  private void requireOnServer(NodeSet nodes) {
    List<GrendelHost> found = call(() -> client.findNodes(nodes));
    NodeSet missing = nodes.difference(NodeSet.of(found.stream().map(GrendelHost::name).toList()));
    if (!missing.isEmpty()) {
      throw new OperationFailedException(
          missing.fold() + " not on the Grendel server at " + endpoint(),
          "run `cfctl nodes sync` first to create them",
          null);
    }
  }

  private <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (GrendelApiException e) {
      throw translate(e);
    }
  }

  private RuntimeException translate(GrendelApiException e) {
    return switch (e.kind()) {
      case UNREACHABLE ->
          new UnreachableException(
              endpoint(),
              e.getMessage(),
              "check " + CONFIG_PATH + ".api and that Grendel runs and listens there",
              e);
      case REJECTED, PROTOCOL -> new OperationFailedException(e.getMessage(), e);
      case UNSUPPORTED ->
          new OperationFailedException(
              "Grendel at " + endpoint() + ": " + e.getMessage(),
              "set "
                  + CONFIG_PATH
                  + ".apiGeneration: v0.2 if the server runs upstream Grendel v0.2 or later",
              e);
    };
  }

  @Override
  public void close() {
    client.close();
  }
}
