package io.clusterfactory.cfctl.k0s.phase;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.model.K0sConfigs;
import io.clusterfactory.cfctl.k0s.ssh.ExecResult;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import io.clusterfactory.cfctl.k0s.ssh.TempFiles;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders each controller's /etc/k0s/k0s.yaml (spec.k0s.config, or {@code k0s config create}
 * defaults, plus every controller address as API SAN and the controller's etcd peer address) and
 * writes it only when its content changed, after {@code k0s config validate} accepted it. A running
 * controller whose config changed is restarted by {@link RestartReconfiguredNodes}.
 */
public final class ConfigureK0s implements Phase<HostsContext> {
  private final Map<String, String> rendered = new ConcurrentHashMap<>();
  private List<HostState> targets = List.of();

  @Override
  public String title() {
    return "Configure k0s";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets = ctx.hosts(h -> h.connected() && h.role().isController() && !h.spec().reset());
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    TreeSet<String> sans = new TreeSet<>();
    for (HostState c : targets) {
      if (c.privateAddress() != null) {
        sans.add(c.privateAddress());
      }
      if (c.spec().ssh() != null) {
        sans.add(c.spec().ssh().address());
      }
    }
    JsonNode base = K0sConfigs.tree(ctx.cluster().spec().k0s().config());
    if (base != null && Boolean.TRUE.equals(ctx.cluster().spec().k0s().dynamicConfig())) {
      refuseDynamicChanges(base, sans, imageRepository(ctx));
    }
    ctx.each(
        "configuring k0s",
        targets,
        h -> {
          if (configure(ctx, h, base, sans)) {
            h.restartFor("k0s configuration");
          }
        });
  }

  /**
   * The sections of k0s.yaml a controller still reads itself under dynamic config (k0sctl's node
   * config); k0s takes every other one from the ClusterConfig object, which it creates from the
   * first controller's file once and never again.
   */
  private static final java.util.Set<String> NODE_SECTIONS =
      java.util.Set.of("api", "network", "storage");

  /**
   * With dynamic config, a change of spec.k0s.config outside the node sections on a running
   * controller would be written and then ignored by k0s: refused before anything changes.
   */
  private void refuseDynamicChanges(JsonNode base, Iterable<String> sans, String images) {
    TreeSet<String> ignored = new TreeSet<>();
    for (HostState h : targets) {
      if (!h.running() || h.existingConfig() == null) {
        continue;
      }
      JsonNode existing = K0sConfigs.parse(h.existingConfig());
      JsonNode rendered =
          K0sConfigs.parse(K0sConfigs.render(base, sans, h.privateAddress(), images));
      if (existing == null || rendered == null) {
        continue;
      }
      JsonNode now = existing.path("spec");
      JsonNode wanted = rendered.path("spec");
      java.util.Set<String> keys = new TreeSet<>();
      now.fieldNames().forEachRemaining(keys::add);
      wanted.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (!NODE_SECTIONS.contains(k) && !now.path(k).equals(wanted.path(k))) {
          ignored.add("spec.k0s.config.spec." + k);
        }
      }
    }
    if (!ignored.isEmpty()) {
      throw new InvalidInputException(
          String.join(", ", ignored)
              + " changed on a running cluster with spec.k0s.dynamicConfig: true; k0s reconciles"
              + " it from the ClusterConfig object in the cluster, not from k0s.yaml, so the change"
              + " would be ignored",
          "change it in the cluster (k0s config edit, or kubectl edit clusterconfig k0s -n"
              + " kube-system) and put the same value in cluster.yaml, or set dynamicConfig: false");
    }
  }

  /** Returns whether the file was (or in a dry run would be) written. */
  private boolean configure(HostsContext ctx, HostState h, JsonNode base, Iterable<String> sans) {
    JsonNode from = base;
    String origin = "spec.k0s.config";
    if (from == null) {
      if (!h.binaryPresent()) {
        ctx.guard()
            .mutate(
                h.name(),
                "write the default k0s configuration (k0s config create) to "
                    + h.configurer().k0sConfigPath(),
                () -> {
                  throw new IllegalStateException("no k0s binary to create a configuration with");
                });
        return true;
      }
      from =
          K0sConfigs.parse(
              K0sCommands.must(
                  h, "creating the default configuration", K0sCommands.k0s(h, "config create")));
      origin = "k0s config create";
    }
    String content = K0sConfigs.render(from, sans, h.privateAddress(), imageRepository(ctx));
    rendered.put(h.name(), content);
    if (h.existingConfig() != null && K0sConfigs.same(h.existingConfig(), content)) {
      return false;
    }
    String path = h.configurer().k0sConfigPath();
    ctx.guard()
        .mutate(
            h.name(),
            (h.existingConfig() == null ? "write" : "update")
                + " k0s configuration "
                + path
                + " (from "
                + origin
                + ", validated with k0s config validate before it replaces the old one)",
            () -> {
              writeValidated(h, path, content);
              h.existingConfig(content);
              return null;
            });
    return true;
  }

  /**
   * Writes the new config next to the old one, lets k0s validate it, and only then renames it into
   * place: a config k0s rejects never replaces a working one.
   */
  private static void writeValidated(HostState h, String path, String content) {
    String candidate = TempFiles.next(path);
    h.remote().writeFile(candidate, content, 0600);
    String c = ShellQuote.quote(candidate);
    ExecResult r =
        h.remote()
            .exec(
                K0sCommands.k0s(h, "config validate --config=" + c)
                    + " && mv -f "
                    + c
                    + " "
                    + ShellQuote.quote(path)
                    + " || { s=$?; rm -f "
                    + c
                    + "; exit $s; }");
    if (!r.ok()) {
      throw new InvalidInputException(
          h.name() + ": k0s rejects the configuration: " + (r.stderr() + r.stdout()).strip(),
          "fix spec.k0s.config in cluster.yaml");
    }
  }

  /** k0s's system images come from the site's one registry mirror, when it has one. */
  private static String imageRepository(HostsContext ctx) {
    return ImageMirror.of(ctx.cluster().spec()).mirror().orElse(null);
  }

  /** What was rendered per host (for tests and the plan). */
  public Map<String, String> rendered() {
    return Map.copyOf(rendered);
  }
}
