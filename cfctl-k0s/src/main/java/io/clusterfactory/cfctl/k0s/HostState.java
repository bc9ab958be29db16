package io.clusterfactory.cfctl.k0s;

import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.config.v1beta1.Role;
import io.clusterfactory.cfctl.k0s.model.K0sStatus;
import io.clusterfactory.cfctl.k0s.model.K0sVersion;
import io.clusterfactory.cfctl.k0s.model.NodeSettings;
import io.clusterfactory.cfctl.k0s.os.Configurer;
import io.clusterfactory.cfctl.k0s.os.OsRelease;
import io.clusterfactory.cfctl.k0s.ssh.RemoteHost;
import java.util.List;

/**
 * One host of cluster.yaml and what the phases learned about it. A host is worked on by one thread
 * at a time (phases hand it from worker to worker), so fields are plain; they are volatile so the
 * next phase's worker sees them.
 */
public final class HostState {
  private final Host spec;
  private volatile RemoteHost remote;
  private volatile OsRelease os;
  private volatile Configurer configurer;
  private volatile String arch;
  private volatile String hostname;
  private volatile String privateInterface;
  private volatile String privateAddress;
  private volatile long clockOffsetSeconds;
  private volatile boolean binaryPresent;
  private volatile String binarySha256;
  private volatile K0sVersion binaryVersion;
  private volatile K0sStatus status;
  private volatile List<String> installedFlags;
  private volatile boolean serviceInstalled;
  private volatile boolean binaryChanged;
  private volatile boolean needsUpgrade;
  private volatile boolean needsReinstall;
  private volatile boolean lockHeld;
  private volatile String existingConfig;
  private volatile String disruption;
  private volatile List<NodeSettings.Change> nodeChanges = List.of();
  private final java.util.Set<String> restartReasons =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private volatile String unreachable;

  public HostState(Host spec) {
    this.spec = spec;
  }

  public Host spec() {
    return spec;
  }

  public Role role() {
    return spec.role();
  }

  /** {@code user@address:port}: the name in every message and plan entry about this host. */
  public String name() {
    return spec.displayName();
  }

  /** The open connection; fails clearly when a phase runs before Connect. */
  public RemoteHost remote() {
    if (remote == null) {
      throw new IllegalStateException(name() + ": not connected");
    }
    return remote;
  }

  /** Why the host could not be reached, or null (status and kubeconfig go on without it). */
  public String unreachable() {
    return unreachable;
  }

  public void unreachable(String why) {
    this.unreachable = why;
  }

  public boolean connected() {
    return remote != null;
  }

  public void remote(RemoteHost r) {
    this.remote = r;
  }

  public OsRelease os() {
    return os;
  }

  public void os(OsRelease o) {
    this.os = o;
  }

  public Configurer configurer() {
    return configurer;
  }

  public void configurer(Configurer c) {
    this.configurer = c;
  }

  public String arch() {
    return arch;
  }

  public void arch(String a) {
    this.arch = a;
  }

  /** The node name: the configured hostname, else the host's own, lower-cased. */
  public String hostname() {
    return hostname;
  }

  public void hostname(String h) {
    this.hostname = h;
  }

  public String privateInterface() {
    return privateInterface;
  }

  public void privateInterface(String i) {
    this.privateInterface = i;
  }

  public String privateAddress() {
    return privateAddress;
  }

  public void privateAddress(String a) {
    this.privateAddress = a;
  }

  /** The host's clock minus this machine's, in seconds. */
  public long clockOffsetSeconds() {
    return clockOffsetSeconds;
  }

  public void clockOffsetSeconds(long s) {
    this.clockOffsetSeconds = s;
  }

  public boolean binaryPresent() {
    return binaryPresent;
  }

  public void binaryPresent(boolean b) {
    this.binaryPresent = b;
  }

  /** sha256 of the binary at k0sInstallPath, or null. */
  public String binarySha256() {
    return binarySha256;
  }

  public void binarySha256(String s) {
    this.binarySha256 = s;
  }

  /** What `k0s version` of the installed binary says, or null. */
  public K0sVersion binaryVersion() {
    return binaryVersion;
  }

  public void binaryVersion(K0sVersion v) {
    this.binaryVersion = v;
  }

  /** `k0s status -o json` when k0s runs, else null. */
  public K0sStatus status() {
    return status;
  }

  public void status(K0sStatus s) {
    this.status = s;
  }

  public boolean running() {
    return status != null;
  }

  public K0sVersion runningVersion() {
    return status == null ? null : status.version();
  }

  /** The flags of the installed k0s service, or null when none is installed. */
  public List<String> installedFlags() {
    return installedFlags;
  }

  public void installedFlags(List<String> f) {
    this.installedFlags = f == null ? null : List.copyOf(f);
  }

  public boolean serviceInstalled() {
    return serviceInstalled;
  }

  public void serviceInstalled(boolean b) {
    this.serviceInstalled = b;
  }

  /** A k0s service is neither installed nor running: this host joins the cluster. */
  public boolean isNew() {
    return !running() && !serviceInstalled;
  }

  /** The binary staged this run differs from the one the running k0s started with. */
  public boolean binaryChanged() {
    return binaryChanged;
  }

  public void binaryChanged(boolean b) {
    this.binaryChanged = b;
  }

  /**
   * What cfctl did to this host's node that is not undone yet (the record of {@code NodeCommands}:
   * cordoned, evict taint), read from the host; null when nothing is.
   */
  public String disruption() {
    return disruption;
  }

  public void disruption(String record) {
    this.disruption = record;
  }

  /**
   * Records that a file the running k0s read at its start changed ({@code why} names it): the
   * restart is left to one later phase, so a node whose k0s config and containerd drop-in both
   * changed restarts once.
   */
  public void restartFor(String why) {
    restartReasons.add(why);
  }

  /** What changed since k0s started on this host, sorted; empty when nothing asks for a restart. */
  public List<String> restartReasons() {
    return restartReasons.stream().sorted().toList();
  }

  public void restarted() {
    restartReasons.clear();
  }

  public boolean needsUpgrade() {
    return needsUpgrade;
  }

  public void needsUpgrade(boolean b) {
    this.needsUpgrade = b;
  }

  public boolean needsReinstall() {
    return needsReinstall;
  }

  public void needsReinstall(boolean b) {
    this.needsReinstall = b;
  }

  public boolean lockHeld() {
    return lockHeld;
  }

  public void lockHeld(boolean b) {
    this.lockHeld = b;
  }

  /** The content of the host's k0s.yaml when it has one, else null. */
  public String existingConfig() {
    return existingConfig;
  }

  public void existingConfig(String c) {
    this.existingConfig = c;
  }

  public String k0sPath() {
    return spec.k0sInstallPath();
  }

  public String dataDir() {
    return spec.dataDir();
  }

  @Override
  public String toString() {
    return name();
  }

  /** What this run changes (or would change) on the host's Node: labels and taints. */
  public List<NodeSettings.Change> nodeChanges() {
    return nodeChanges;
  }

  public void nodeChanges(List<NodeSettings.Change> changes) {
    this.nodeChanges = List.copyOf(changes);
  }
}
