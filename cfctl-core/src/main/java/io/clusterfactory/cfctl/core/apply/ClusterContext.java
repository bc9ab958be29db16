package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Options;
import io.clusterfactory.cfctl.core.diff.GitSection;
import io.clusterfactory.cfctl.core.diff.HostsSection;
import io.clusterfactory.cfctl.core.diff.HydratedSection;
import io.clusterfactory.cfctl.core.diff.ObjectDiff;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.gitops.GitAuth;
import io.clusterfactory.cfctl.core.gitops.GitPublisher;
import io.clusterfactory.cfctl.core.gitops.PublishResult;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.Hydrator;
import io.clusterfactory.cfctl.core.kube.ApplyResult;
import io.clusterfactory.cfctl.core.kube.ClusterLease;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.kube.KubeCalls;
import io.clusterfactory.cfctl.core.kube.KubeClients;
import io.clusterfactory.cfctl.core.kube.RetryPolicy;
import io.clusterfactory.cfctl.core.pipeline.PhaseContext;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * What every phase of a command shares, hosts and cluster alike: the loaded config with its derived
 * data, the one options record, the one mutation guard and deadline (from {@link PhaseContext}),
 * and what earlier phases produced for later ones (the admin kubeconfig, the rendered and sealed
 * tree, the pushed commit). The host side extends it with its per-host state.
 *
 * <p>Options the user left out are resolved against cluster.yaml here, once.
 */
public class ClusterContext extends PhaseContext implements AutoCloseable {
  private final LoadedConfig config;
  private HydratedTree hydrated = HydratedTree.NONE;
  private Hydrator hydrator;
  private HydratedSection hydratedDiff;
  private final ApplyOptions options;
  private final Command command;
  private final int concurrency;
  private final int uploads;
  private final boolean waitForStacks;
  private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
  private final List<ApplyResult> stackResults = new ArrayList<>();
  private final List<ObjectDiff> liveDiffs = new ArrayList<>();

  private TreeSealing sealing = new NoSealing();
  private String kubeconfig;
  private String clusterMissing;
  private KubernetesClient client;
  private KubeCalls calls;
  private GitPublisher publisher;
  private PreviousTree previous;
  private RenderedTree tree;
  private TreeSealing.Sealed sealed;
  private PublishResult publish;
  private String revision;
  private HostsSection hostsDiff;
  private GitSection gitDiff;
  private String liveServer;
  private ClusterLease lease;
  private List<HostStatus> hostStatuses = List.of();
  private List<StacksStatus.AppStatus> apps;
  private String stacksError;
  private io.clusterfactory.cfctl.core.backup.BackupBundle backup;
  private io.clusterfactory.cfctl.core.backup.RestoreSource restore;
  private io.clusterfactory.cfctl.core.airgap.OpenedBundle airgap;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final Instant started = Instant.ofEpochSecond(Instant.now().getEpochSecond());

  public ClusterContext(LoadedConfig config, ApplyOptions options, Command command) {
    super(options.dryRun() || command == Command.DIFF, options.timeout());
    this.config = config;
    this.options = options;
    this.command = command;
    Options.Concurrency c = config.cluster().spec().options().concurrency();
    this.concurrency = options.concurrency() != null ? options.concurrency() : c.limit();
    this.uploads =
        Math.max(
            1, options.concurrentUploads() != null ? options.concurrentUploads() : c.uploads());
    this.waitForStacks = !options.noWait() && config.cluster().spec().options().waitFor().enabled();
  }

  public LoadedConfig config() {
    return config;
  }

  public ApplyOptions options() {
    return options;
  }

  public Command command() {
    return command;
  }

  /** Hosts worked on at once (0 = unlimited): the flag, else spec.options.concurrency.limit. */
  public int concurrency() {
    return concurrency;
  }

  /** Binary uploads at once: the flag, else spec.options.concurrency.uploads. */
  public int uploads() {
    return uploads;
  }

  /** Whether the stacks are waited for: not {@code --no-wait} and spec.options.waitFor. */
  public boolean waitForStacks() {
    return waitForStacks;
  }

  /**
   * Whether the run works on {@code part}. A cluster.yaml without {@code spec.gitops} (a k0sctl or
   * ClusterFactory cfctl.yaml as written) has no tree and no stacks: a run that names no part works
   * on the hosts alone, while {@code --only gitops|stacks} still says what is missing.
   */
  public boolean includes(ApplyPart part) {
    if (part != ApplyPart.HOSTS
        && config.cluster().spec().gitops() == null
        && options.parts().equals(EnumSet.allOf(ApplyPart.class))) {
      return false;
    }
    return options.includes(part);
  }

  /** Whether this command compares (diff) rather than plans or applies. */
  public boolean comparing() {
    return command == Command.DIFF;
  }

  /**
   * Whether the run needs the cluster's API: to deploy or compare the stacks, to seal with the
   * controller's certificate, for status, or because the user asked for the kubeconfig.
   */
  public boolean needsApi() {
    return switch (command) {
      case KUBECONFIG, STATUS, BACKUP -> true;
      case RESET -> false;
      // --only gitops reaches the API (to take the lease, to fetch the sealing certificate) only
      // through a kubeconfig it is given: otherwise it contacts Git alone, as CI pushing a tree
      // without SSH keys expects
      case APPLY, DIFF ->
          !options.offline()
                  && (includes(ApplyPart.STACKS)
                      || includes(ApplyPart.GITOPS) && options.kubeconfig() != null)
              || options.kubeconfigOut() != null;
    };
  }

  /** Whether the host phases contact the hosts at all in this run. */
  public boolean contactsHosts() {
    if (options.offline()) {
      return false;
    }
    return switch (command) {
      case RESET -> true;
      case KUBECONFIG, STATUS, BACKUP -> true;
      case APPLY, DIFF -> includes(ApplyPart.HOSTS) || needsApi() && options.kubeconfig() == null;
    };
  }

  /** Whether the host phases that change hosts are part of this run. */
  public boolean managesHosts() {
    return (command == Command.APPLY || command == Command.DIFF)
        && includes(ApplyPart.HOSTS)
        && !options.offline();
  }

  public void useSealing(TreeSealing value) {
    this.sealing = value;
  }

  public TreeSealing sealing() {
    return sealing;
  }

  /** What a backup run collects, or null when this run is no backup. */
  public io.clusterfactory.cfctl.core.backup.BackupBundle backup() {
    return backup;
  }

  public void backup(io.clusterfactory.cfctl.core.backup.BackupBundle value) {
    this.backup = value;
  }

  /** The backup {@code apply --restore-from} restores, or null. */
  public io.clusterfactory.cfctl.core.backup.RestoreSource restore() {
    return restore;
  }

  public void restore(io.clusterfactory.cfctl.core.backup.RestoreSource value) {
    this.restore = value;
  }

  /**
   * The air-gap bundle of {@code --bundle} (already checked): the k0s binary and the image archives
   * come from it; null without one.
   */
  public io.clusterfactory.cfctl.core.airgap.OpenedBundle airgap() {
    return airgap;
  }

  public void airgap(io.clusterfactory.cfctl.core.airgap.OpenedBundle value) {
    this.airgap = value;
  }

  public List<String> notes() {
    return notes;
  }

  public void note(String note) {
    if (!notes.contains(note)) {
      notes.add(note);
    }
  }

  /** The admin kubeconfig, or null while there is none (no cluster yet, or not needed). */
  public String kubeconfig() {
    return kubeconfig;
  }

  public void kubeconfig(String value) {
    this.kubeconfig = value;
  }

  /**
   * Why there is no cluster to talk to yet (no controller runs k0s), or null: a dry run and a diff
   * then treat every object as one to create instead of failing.
   */
  public String clusterMissing() {
    return clusterMissing;
  }

  public void clusterMissing(String why) {
    this.clusterMissing = why;
  }

  /** The API client, made from the kubeconfig on first use; null while there is no kubeconfig. */
  public synchronized KubernetesClient client() {
    if (client == null && kubeconfig != null) {
      client = KubeClients.fromKubeconfig(kubeconfig);
      calls =
          new KubeCalls(
              client.getConfiguration().getMasterUrl(),
              RetryPolicy.DEFAULT,
              new Deadline(deadline(), Clock.systemUTC()));
    }
    return client;
  }

  /** API calls bounded by the run's deadline; null while there is no client. */
  public synchronized KubeCalls calls() {
    client();
    return calls;
  }

  /** The Git repository of spec.gitops, or an error saying it is missing. */
  public GitopsSpec.Repository repository() {
    GitopsSpec g = config.cluster().spec().gitops();
    if (g == null || g.repository() == null || g.repository().url() == null) {
      throw new InvalidInputException(
          "spec.gitops.repository.url is not set: there is no Git repository to commit to",
          "add spec.gitops.repository (cfctl init writes a file:// default), or use --only hosts");
    }
    return g.repository();
  }

  /**
   * The Git publisher, each fetch and push bounded by the time left before the run's deadline
   * (whatever the remote does: a silent or trickling server ends the run in time, exit 3).
   */
  public synchronized GitPublisher publisher() {
    if (publisher == null) {
      Path home = Path.of(System.getProperty("user.home"));
      publisher =
          new GitPublisher(
              GitPublisher.defaultCacheRoot(options.env(), home),
              GitAuth.defaults(home, null, options.gitHostKeyPolicy(), options.env()));
    }
    Duration left = remaining();
    return publisher.withTimeout(left.isZero() ? Duration.ofMillis(1) : left);
  }

  /** The tree in Git that this run compares with and keeps sealed bytes from. */
  public synchronized PreviousTree previous() {
    if (previous == null) {
      previous = new PreviousTree(publisher(), repository(), options.baseRef());
    }
    return previous;
  }

  public RenderedTree tree() {
    if (tree == null) {
      throw new IllegalStateException("the tree is rendered by an earlier phase");
    }
    return tree;
  }

  public boolean rendered() {
    return tree != null;
  }

  public void tree(RenderedTree value) {
    this.tree = value;
  }

  /** Uses {@code value} to render the tree's charts (the CLI hands in Helm; tests may fake it). */
  public void useHydrator(Hydrator value) {
    this.hydrator = value;
  }

  /** The hydrator of this run, or null when none was handed in (hydration then does not run). */
  public Hydrator hydrator() {
    return hydrator;
  }

  /** What Helm rendered for the tree's charts; {@link HydratedTree#NONE} until hydrated. */
  public HydratedTree hydrated() {
    return hydrated;
  }

  public void hydrated(HydratedTree value) {
    this.hydrated = value == null ? HydratedTree.NONE : value;
  }

  public TreeSealing.Sealed sealed() {
    return sealed;
  }

  public void sealed(TreeSealing.Sealed value) {
    this.sealed = value;
  }

  public PublishResult publish() {
    return publish;
  }

  /** Records a push (or its plan); later stacks wait for its commit. */
  public void published(PublishResult value) {
    this.publish = value;
    if (value != null && !value.commitId().isEmpty()) {
      this.revision = value.commitId();
    }
  }

  /** The commit Applications must have synced, or null when this run pushed none. */
  public String revision() {
    return revision;
  }

  public List<ApplyResult> stackResults() {
    return stackResults;
  }

  public HostsSection hostsDiff() {
    return hostsDiff;
  }

  public void hostsDiff(HostsSection value) {
    this.hostsDiff = value;
  }

  public GitSection gitDiff() {
    return gitDiff;
  }

  public void gitDiff(GitSection value) {
    this.gitDiff = value;
  }

  /** Live object comparisons collected stack by stack (diff only). */
  public List<ObjectDiff> liveDiffs() {
    return liveDiffs;
  }

  /** The chart objects compared (diff with a hydrator only), or null. */
  public HydratedSection hydratedDiff() {
    return hydratedDiff;
  }

  public void hydratedDiff(HydratedSection value) {
    this.hydratedDiff = value;
  }

  public String liveServer() {
    return liveServer;
  }

  public void liveServer(String value) {
    this.liveServer = value;
  }

  /** Identifies this run in host locks and the cluster lease. */
  public String runId() {
    return runId;
  }

  /** When this run started (whole seconds, as written in locks). */
  public Instant started() {
    return started;
  }

  /** Who this run is, as the cluster lease records it. */
  public String holder() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown";
    }
    return "cfctl run " + runId + " (pid " + ProcessHandle.current().pid() + "@" + host + ")";
  }

  public ClusterLease lease() {
    return lease;
  }

  public void lease(ClusterLease value) {
    this.lease = value;
  }

  public List<HostStatus> hostStatuses() {
    return hostStatuses;
  }

  public void hostStatuses(List<HostStatus> value) {
    this.hostStatuses = List.copyOf(value);
  }

  /** The Applications read by status, or null when they could not be read. */
  public List<StacksStatus.AppStatus> apps() {
    return apps;
  }

  /** Why the Applications could not be read, or null. */
  public String stacksError() {
    return stacksError;
  }

  public void stacksStatus(List<StacksStatus.AppStatus> value, String error) {
    this.apps = value;
    this.stacksError = error;
  }

  @Override
  public synchronized void close() {
    if (lease != null) {
      lease.close();
      lease = null;
    }
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
