package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.model.ContainerdMirrors;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Points containerd on every node that runs workloads at the site's registry mirrors: writes
 * cfctl's containerd drop-in and hosts files ({@link ContainerdMirrors}) where their content
 * differs, and removes the ones the config no longer asks for (all of them when no mirror is set).
 * containerd reads a hosts file at every pull, but k0s reads the drop-in only when it starts: a
 * running node whose drop-in changed is restarted by {@link RestartReconfiguredNodes}.
 */
public final class ConfigureRegistryMirrors implements Phase<HostsContext> {
  private List<HostState> targets = List.of();

  @Override
  public String title() {
    return "Configure containerd registry mirrors";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets = ctx.hosts(h -> h.connected() && h.role().runsWorkloads() && !h.spec().reset());
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    ImageMirror mirrors = ImageMirror.of(ctx.cluster().spec());
    SortedMap<String, String> wanted = ContainerdMirrors.files(mirrors);
    Set<String> registries = ContainerdMirrors.registries(mirrors);
    ctx.each(
        "configuring registry mirrors",
        targets,
        h -> {
          if (converge(ctx, h, wanted, registries)) {
            h.restartFor("containerd drop-in");
          }
        });
  }

  /** Returns whether the drop-in was (or in a dry run would be) written or removed. */
  static boolean converge(
      HostsContext ctx, HostState h, SortedMap<String, String> wanted, Set<String> registries) {
    OnHost now = OnHost.read(h, wanted.keySet());
    boolean dropInChanged = false;
    for (Map.Entry<String, String> f : wanted.entrySet()) {
      String path = f.getKey();
      String content = f.getValue();
      String sha = now.sha256.get(path);
      if (UploadFiles.sha256(content.getBytes(StandardCharsets.UTF_8)).equals(sha)) {
        continue;
      }
      dropInChanged |= path.equals(ContainerdMirrors.DROP_IN);
      ctx.guard()
          .mutate(
              h.name(),
              (sha != null ? "update " : "write ") + path + " (spec.registries)",
              () -> {
                h.remote().writeFile(path, content, 0644);
                return null;
              });
    }
    if (wanted.isEmpty()) {
      if (now.sha256.containsKey(ContainerdMirrors.DROP_IN)) {
        dropInChanged = true;
        remove(ctx, h, ContainerdMirrors.DROP_IN, "rm -f -- ");
      }
      removeHostsFolder(ctx, h, now);
      return dropInChanged;
    }
    for (String name : now.registries()) {
      if (!registries.contains(name)) {
        remove(ctx, h, ContainerdMirrors.HOSTS_DIR + "/" + name, "rm -rf -- ");
      }
    }
    return dropInChanged;
  }

  /** Removes cfctl's containerd hosts folder, if there is one (also reset's). */
  static void removeHostsFolder(HostsContext ctx, HostState h) {
    removeHostsFolder(ctx, h, OnHost.read(h, Set.of()));
  }

  private static void removeHostsFolder(HostsContext ctx, HostState h, OnHost now) {
    if (now.hostsFolder) {
      remove(ctx, h, ContainerdMirrors.HOSTS_DIR, "rm -rf -- ");
    }
  }

  /**
   * What of cfctl's mirror files a host has, read in one round trip (a no-op apply pays one command
   * per host here, not one per file): the sha256 of each file asked for and of the drop-in, whether
   * the hosts folder exists, and its entries.
   */
  record OnHost(Map<String, String> sha256, boolean hostsFolder, List<String> entries) {
    static final String MARK = "@@cfctl mirror-files";

    static OnHost read(HostState h, Set<String> paths) {
      Set<String> asked = new TreeSet<>(paths);
      asked.add(ContainerdMirrors.DROP_IN);
      StringBuilder s = new StringBuilder("echo '" + MARK + "'; for f in");
      asked.forEach(p -> s.append(' ').append(ShellQuote.quote(p)));
      String dir = ShellQuote.quote(ContainerdMirrors.HOSTS_DIR);
      s.append(
              "; do if [ -f \"$f\" ]; then echo \"@@cfctl file $f\"; sha256sum < \"$f\"; fi; done;")
          .append(" if [ -d ")
          .append(dir)
          .append(" ]; then echo '@@cfctl hosts'; ls -1A -- ")
          .append(dir)
          .append("; fi; true");
      Map<String, String> sections =
          GatherK0sFacts.sections(
              K0sCommands.must(h, "reading the registry mirror files", s.toString()));
      Map<String, String> sha = new TreeMap<>();
      sections.forEach(
          (k, v) -> {
            if (k.startsWith("file ")) {
              String[] words = v.strip().split("\\s+");
              sha.put(k.substring(5), words.length == 0 ? "" : words[0]);
            }
          });
      String hosts = sections.get("hosts");
      List<String> entries =
          hosts == null
              ? List.of()
              : hosts.lines().map(String::strip).filter(n -> !n.isEmpty()).toList();
      return new OnHost(sha, hosts != null, entries);
    }

    /** The registry folders in cfctl's hosts folder (hidden names are not cfctl's). */
    List<String> registries() {
      return entries.stream().filter(n -> !n.startsWith(".")).toList();
    }
  }

  private static void remove(HostsContext ctx, HostState h, String path, String rm) {
    ctx.guard()
        .mutate(
            h.name(),
            "remove " + path + " (not in spec.registries)",
            () -> K0sCommands.must(h, "removing " + path, rm + ShellQuote.quote(path)));
  }
}
