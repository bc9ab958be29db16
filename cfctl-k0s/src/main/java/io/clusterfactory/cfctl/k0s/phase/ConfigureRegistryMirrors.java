package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.model.ContainerdMirrors;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

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
    boolean dropInChanged = false;
    for (Map.Entry<String, String> f : wanted.entrySet()) {
      String path = f.getKey();
      String content = f.getValue();
      java.util.Optional<String> now = h.remote().readFile(path);
      if (now.isPresent() && now.get().equals(content)) {
        continue;
      }
      dropInChanged |= path.equals(ContainerdMirrors.DROP_IN);
      ctx.guard()
          .mutate(
              h.name(),
              (now.isPresent() ? "update " : "write ") + path + " (spec.registries)",
              () -> {
                h.remote().writeFile(path, content, 0644);
                return null;
              });
    }
    if (wanted.isEmpty()) {
      if (h.remote().exists(ContainerdMirrors.DROP_IN)) {
        dropInChanged = true;
        remove(ctx, h, ContainerdMirrors.DROP_IN, "rm -f -- ");
      }
      removeHostsFolder(ctx, h);
      return dropInChanged;
    }
    for (String name : children(h)) {
      if (!registries.contains(name)) {
        remove(ctx, h, ContainerdMirrors.HOSTS_DIR + "/" + name, "rm -rf -- ");
      }
    }
    return dropInChanged;
  }

  /** Removes cfctl's containerd hosts folder, if there is one (also reset's). */
  static void removeHostsFolder(HostsContext ctx, HostState h) {
    String q = ShellQuote.quote(ContainerdMirrors.HOSTS_DIR);
    if (!children(h).isEmpty()
        || h.remote().exec("[ -d " + q + " ] && [ -z \"$(ls -A " + q + ")\" ]").ok()) {
      remove(ctx, h, ContainerdMirrors.HOSTS_DIR, "rm -rf -- ");
    }
  }

  /** The names in cfctl's hosts folder (none when it does not exist). */
  private static List<String> children(HostState h) {
    String listing =
        h.remote()
            .exec(
                "ls -1 -- "
                    + ShellQuote.quote(ContainerdMirrors.HOSTS_DIR)
                    + " 2>/dev/null || true")
            .stdout();
    return listing.lines().map(String::strip).filter(n -> !n.isEmpty()).toList();
  }

  private static void remove(HostsContext ctx, HostState h, String path, String rm) {
    ctx.guard()
        .mutate(
            h.name(),
            "remove " + path + " (not in spec.registries)",
            () -> K0sCommands.must(h, "removing " + path, rm + ShellQuote.quote(path)));
  }
}
