package io.clusterfactory.cfctl.k0s.phase;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.BinaryChecksum;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.commands.NodeCommands;
import io.clusterfactory.cfctl.k0s.commands.TokenRecord;
import io.clusterfactory.cfctl.k0s.model.ContainerdMirrors;
import io.clusterfactory.cfctl.k0s.model.K0sConfigs;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Removes k0s from hosts: stop, {@code k0s reset}, then every file cfctl wrote for it ({@link
 * #written}) and the empty /etc/k0s. Workers in parallel, then controllers one at a time, the
 * leader last. Each step runs only when there is something to remove, so a reset host is left alone
 * the next time.
 *
 * <p>Inside apply ({@code reset: true} on some hosts) the rest of the cluster lives on, so a
 * running host first leaves it, as k0sctl does: a node that runs workloads is drained (unless
 * draining is off) and its Node object deleted on the leader; a controller leaves etcd ({@code k0s
 * etcd leave} on the host itself, while its k0s still runs). The reset command removes the whole
 * cluster and skips all that.
 */
public final class ResetHosts implements Phase<HostsContext> {
  private final Predicate<HostState> which;
  private final boolean leaveCluster;
  private List<HostState> workers = List.of();
  private List<HostState> controllers = List.of();

  /** Hosts with {@code reset: true} (inside apply). */
  public static ResetHosts marked() {
    return new ResetHosts(h -> h.spec().reset(), true);
  }

  /** Every host (the reset command). */
  public static ResetHosts all() {
    return new ResetHosts(h -> true, false);
  }

  private ResetHosts(Predicate<HostState> which, boolean leaveCluster) {
    this.which = which;
    this.leaveCluster = leaveCluster;
  }

  @Override
  public String title() {
    return "Reset hosts";
  }

  @Override
  public void prepare(HostsContext ctx) {
    List<HostState> hosts = ctx.hosts(which.and(HostState::connected));
    workers = hosts.stream().filter(h -> !h.role().isController()).toList();
    List<HostState> cs =
        new ArrayList<>(hosts.stream().filter(h -> h.role().isController()).toList());
    // the leader goes last: the others may still need it
    cs.sort((a, b) -> Boolean.compare(isLeader(ctx, a), isLeader(ctx, b)));
    controllers = List.copyOf(cs);
  }

  private static boolean isLeader(HostsContext ctx, HostState h) {
    try {
      return ctx.leader() == h;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !workers.isEmpty() || !controllers.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    ctx.each("resetting workers", workers, h -> leaveThenReset(ctx, h));
    for (HostState h : controllers) {
      leaveThenReset(ctx, h);
    }
  }

  private void leaveThenReset(HostsContext ctx, HostState h) {
    if (leaveCluster) {
      leave(ctx, h);
    }
    reset(ctx, h);
  }

  /** Takes a running host out of the cluster that stays: its Node object, its etcd membership. */
  static void leave(HostsContext ctx, HostState h) {
    if (!h.running()) {
      return;
    }
    HostState leader = isLeader(ctx, h) ? null : leaderOrNull(ctx);
    if (h.role().runsWorkloads() && leader != null && leader.running()) {
      if (NodeCommands.drainEnabled(ctx)) {
        NodeCommands.drain(ctx, h);
      }
      NodeCommands.deleteNode(ctx, h);
    }
    if (h.role().isController() && usesEtcd(ctx)) {
      String cmd = K0sCommands.k0s(h, "etcd leave --data-dir=" + ShellQuote.quote(h.dataDir()));
      ctx.guard()
          .mutate(
              h.name(),
              "leave the etcd cluster: " + cmd,
              () -> K0sCommands.must(h, "leaving etcd", cmd));
    }
  }

  private static HostState leaderOrNull(HostsContext ctx) {
    try {
      return ctx.leader();
    } catch (IllegalStateException e) {
      return null;
    }
  }

  /** k0s keeps cluster state in etcd unless spec.storage.type says otherwise (kine). */
  static boolean usesEtcd(HostsContext ctx) {
    JsonNode config = K0sConfigs.tree(ctx.cluster().spec().k0s().config());
    return config == null
        || config.path("spec").path("storage").path("type").asText("etcd").equals("etcd");
  }

  /**
   * Every file cfctl itself writes for k0s on a host (the user's {@code files:} aside): config,
   * join token, binary and its checksum record, the disruption and token records, the containerd
   * drop-in of the registry mirrors (whose hosts folder goes whole, {@link
   * ConfigureRegistryMirrors#removeHostsFolder}). The lock goes at the end of the run; temporary
   * files went in {@link CleanUpLeftovers}.
   */
  static List<String> written(HostState h) {
    return List.of(
        h.configurer().k0sConfigPath(),
        h.configurer().joinTokenPath(),
        h.k0sPath(),
        BinaryChecksum.sidecar(h.k0sPath()),
        NodeCommands.disruptionRecord(h),
        TokenRecord.path(h),
        ContainerdMirrors.DROP_IN);
  }

  /** Folders cfctl may create, removed when empty, deepest first: /etc/k0s goes last. */
  static List<String> createdFolders(HostState h) {
    return List.of(ContainerdMirrors.DROP_IN_DIR, parent(h.configurer().k0sConfigPath()));
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  static void reset(HostsContext ctx, HostState h) {
    if (h.running()) {
      K0sCommands.stop(ctx, h);
    }
    String dataDir = ShellQuote.quote(h.dataDir());
    boolean hasState = h.serviceInstalled() || h.remote().exec("[ -e " + dataDir + " ]").ok();
    if (h.binaryPresent() && hasState) {
      String cmd = K0sCommands.k0s(h, "reset --data-dir=" + dataDir);
      ctx.guard()
          .mutate(h.name(), "reset k0s: " + cmd, () -> K0sCommands.must(h, "resetting k0s", cmd));
    }
    for (String path : written(h)) {
      if (h.remote().exists(path)) {
        ctx.guard()
            .mutate(
                h.name(),
                "remove " + path,
                () -> K0sCommands.must(h, "removing " + path, "rm -f " + ShellQuote.quote(path)));
      }
    }
    ConfigureRegistryMirrors.removeHostsFolder(ctx, h);
    // the image bundles apply --bundle uploads (k0s reset removes them with the data dir, but not
    // on a host k0s never ran on)
    String images = UploadAirgapImages.imagesDir(h);
    if (!h.remote().exec("ls -A " + ShellQuote.quote(images) + " 2>/dev/null").stdout().isBlank()) {
      ctx.guard()
          .mutate(
              h.name(),
              "remove " + images + " (air-gap image bundles)",
              () ->
                  K0sCommands.must(h, "removing " + images, "rm -rf " + ShellQuote.quote(images)));
    }
    // cfctl creates /etc/k0s for the config and the token (and the containerd drop-in folder);
    // k0s reset empties it
    for (String folder : createdFolders(h)) {
      String q = ShellQuote.quote(folder);
      if (h.remote().exec("[ -d " + q + " ] && [ -z \"$(ls -A " + q + ")\" ]").ok()) {
        ctx.guard()
            .mutate(
                h.name(),
                "remove the empty folder " + folder,
                () -> K0sCommands.must(h, "removing " + q, "rmdir " + q));
      }
    }
    if (!ctx.dryRun()) {
      h.status(null);
      h.serviceInstalled(false);
      h.binaryPresent(false);
    }
  }
}
