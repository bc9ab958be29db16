package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.gitops.HostKeyPolicy;
import io.clusterfactory.cfctl.core.kube.WaitListener;
import io.clusterfactory.cfctl.core.pipeline.TransferListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one options record of every command that runs a pipeline (apply, diff, status, kubeconfig,
 * reset): the command line as the user gave it. A value the user left out is null or false here and
 * is resolved against cluster.yaml in one place, {@link ClusterContext}; nothing downstream
 * rebuilds it.
 *
 * @param parts what {@code --only} selected (all parts when not given)
 * @param dryRun {@code --dry-run}; also true for {@code diff}, which runs apply's list read-only
 * @param timeout {@code --timeout}: the deadline of the whole command
 * @param noWait {@code --no-wait}: do not wait for the stacks to be healthy
 * @param prune delete objects cfctl applied before and no longer renders
 * @param forceConflicts take over fields other managers own
 * @param noDrain do not drain workers before upgrading or removing them
 * @param concurrency hosts worked on at once; null: spec.options.concurrency.limit
 * @param concurrentUploads binary uploads at once; null: spec.options.concurrency.uploads
 * @param acceptNewHostKeys record keys of hosts and Git servers known_hosts does not know
 * @param sshTimeout {@code --ssh-timeout}: how long a host may leave cfctl waiting (banner, key
 *     exchange, login, silence mid-command); null: the host side's default
 * @param kubeconfig a kubeconfig to reach the API with instead of the leader's, or null
 * @param kubeconfigOut where to write the admin kubeconfig (mode 0600), or null
 * @param kubeconfigAddress the API address to write into the kubeconfig, or null
 * @param commitMessage the Git commit message, or null for cfctl's
 * @param offline diff only: compare with Git alone (no SSH, no cluster credentials)
 * @param baseRef diff only: the branch or commit to compare the tree with, or null
 * @param env the process environment (secret inputs, cache folders, credentials)
 * @param progress draws wait progress (a progress bar on a terminal), or null for log lines
 * @param transfers draws binary upload progress, or null
 * @param noHydrate {@code --no-hydrate}: skip Helm hydration (apply no longer refuses unhydrated
 *     charts)
 * @param updateLock {@code --update-lock}: write the pulled charts' digests to the chart lock
 */
public record ApplyOptions(
    Set<ApplyPart> parts,
    boolean dryRun,
    Duration timeout,
    boolean noWait,
    boolean prune,
    boolean forceConflicts,
    boolean noDrain,
    Integer concurrency,
    Integer concurrentUploads,
    boolean acceptNewHostKeys,
    Duration sshTimeout,
    Path kubeconfig,
    Path kubeconfigOut,
    String kubeconfigAddress,
    String commitMessage,
    boolean offline,
    String baseRef,
    Map<String, String> env,
    WaitListener progress,
    TransferListener transfers,
    boolean noHydrate,
    boolean updateLock) {

  public ApplyOptions {
    parts = parts == null || parts.isEmpty() ? EnumSet.allOf(ApplyPart.class) : Set.copyOf(parts);
    timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
    env = env == null ? Map.of() : Map.copyOf(env);
    transfers = transfers == null ? TransferListener.NONE : transfers;
  }

  /** Every part, no dry run, 30 minutes, prune on, the process environment. */
  public static Builder defaults() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public boolean includes(ApplyPart part) {
    return parts.contains(part);
  }

  public HostKeyPolicy gitHostKeyPolicy() {
    return acceptNewHostKeys ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT;
  }

  /** Builds an {@link ApplyOptions}; the CLI and tests set what they need. */
  public static final class Builder {
    private Set<ApplyPart> parts = EnumSet.allOf(ApplyPart.class);
    private boolean dryRun;
    private Duration timeout = Duration.ofMinutes(30);
    private boolean noWait;
    private boolean prune = true;
    private boolean forceConflicts;
    private boolean noDrain;
    private Integer concurrency;
    private Integer concurrentUploads;
    private boolean acceptNewHostKeys;
    private Duration sshTimeout;
    private Path kubeconfig;
    private Path kubeconfigOut;
    private String kubeconfigAddress;
    private String commitMessage;
    private boolean offline;
    private String baseRef;
    private Map<String, String> env = System.getenv();
    private WaitListener progress;
    private TransferListener transfers;
    private boolean noHydrate;
    private boolean updateLock;

    private Builder() {}

    private Builder(ApplyOptions o) {
      parts = o.parts;
      dryRun = o.dryRun;
      timeout = o.timeout;
      noWait = o.noWait;
      prune = o.prune;
      forceConflicts = o.forceConflicts;
      noDrain = o.noDrain;
      concurrency = o.concurrency;
      concurrentUploads = o.concurrentUploads;
      acceptNewHostKeys = o.acceptNewHostKeys;
      sshTimeout = o.sshTimeout;
      kubeconfig = o.kubeconfig;
      kubeconfigOut = o.kubeconfigOut;
      kubeconfigAddress = o.kubeconfigAddress;
      commitMessage = o.commitMessage;
      offline = o.offline;
      baseRef = o.baseRef;
      env = o.env;
      progress = o.progress;
      transfers = o.transfers;
      noHydrate = o.noHydrate;
      updateLock = o.updateLock;
    }

    public Builder parts(Set<ApplyPart> value) {
      parts = value;
      return this;
    }

    public Builder dryRun(boolean value) {
      dryRun = value;
      return this;
    }

    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    public Builder noWait(boolean value) {
      noWait = value;
      return this;
    }

    public Builder prune(boolean value) {
      prune = value;
      return this;
    }

    public Builder forceConflicts(boolean value) {
      forceConflicts = value;
      return this;
    }

    public Builder noDrain(boolean value) {
      noDrain = value;
      return this;
    }

    public Builder concurrency(Integer hosts, Integer uploads) {
      concurrency = hosts;
      concurrentUploads = uploads;
      return this;
    }

    public Builder acceptNewHostKeys(boolean value) {
      acceptNewHostKeys = value;
      return this;
    }

    public Builder sshTimeout(Duration value) {
      sshTimeout = value;
      return this;
    }

    public Builder kubeconfig(Path value) {
      kubeconfig = value;
      return this;
    }

    public Builder kubeconfigOut(Path value) {
      kubeconfigOut = value;
      return this;
    }

    public Builder kubeconfigAddress(String value) {
      kubeconfigAddress = value;
      return this;
    }

    public Builder commitMessage(String value) {
      commitMessage = value;
      return this;
    }

    public Builder offline(boolean value) {
      offline = value;
      return this;
    }

    public Builder baseRef(String value) {
      baseRef = value;
      return this;
    }

    public Builder env(Map<String, String> value) {
      env = value;
      return this;
    }

    public Builder progress(WaitListener value) {
      progress = value;
      return this;
    }

    public Builder transfers(TransferListener value) {
      transfers = value;
      return this;
    }

    public Builder noHydrate(boolean value) {
      noHydrate = value;
      return this;
    }

    public Builder updateLock(boolean value) {
      updateLock = value;
      return this;
    }

    public ApplyOptions build() {
      return new ApplyOptions(
          parts,
          dryRun,
          timeout,
          noWait,
          prune,
          forceConflicts,
          noDrain,
          concurrency,
          concurrentUploads,
          acceptNewHostKeys,
          sshTimeout,
          kubeconfig,
          kubeconfigOut,
          kubeconfigAddress,
          commitMessage,
          offline,
          baseRef,
          env,
          progress,
          transfers,
          noHydrate,
          updateLock);
    }
  }
}
