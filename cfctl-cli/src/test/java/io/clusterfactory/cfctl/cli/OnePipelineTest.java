package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ApplyReport;
import io.clusterfactory.cfctl.core.apply.CertificateSealing;
import io.clusterfactory.cfctl.core.apply.ClusterApplyAction;
import io.clusterfactory.cfctl.core.apply.ClusterDiffAction;
import io.clusterfactory.cfctl.core.apply.FakeArgo;
import io.clusterfactory.cfctl.core.apply.HostPhases;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.diff.DiffFormat;
import io.clusterfactory.cfctl.core.diff.DiffReport;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.hydrate.FakeHydrator;
import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import io.clusterfactory.cfctl.k0s.FakeK0sHost;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import io.clusterfactory.cfctl.k0s.K0sHostPhases;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promise of the one pipeline, for every shipped example, on scripted hosts and the mock API:
 * after a converged {@code apply}, {@code diff} finds nothing; and for a change to cluster.yaml,
 * {@code diff} and {@code apply --dry-run} name the same hosts and objects, since both run one
 * list.
 */
@MockApiTier
class OnePipelineTest {
  static final String V1 = "v1.31.2+k0s.0";
  static final String V2 = "v1.31.3+k0s.0";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A throwaway key for the examples' deploy-key and supervisor-key secret files. */
  static final String DEPLOY_KEY =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE"
          + " KEY-----\n";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {"network-only", "single", "ha", "lab", "full", "clusterfactory", "site-owned"})
  void diffAfterApplyIsEmptyAndAgreesWithTheDryRunOnAChange(String example) throws Exception {
    Path bare = dir.resolve("gitops.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    Path binary = dir.resolve("k0s");
    Files.write(binary, FakeK0sHost.binary(V1));
    Files.createDirectories(dir.resolve(".secrets"));
    Files.writeString(dir.resolve(".secrets/mariadb-root"), "db-Root-5151");
    Files.writeString(dir.resolve(".secrets/argocd-deploy-key"), DEPLOY_KEY);
    Files.writeString(dir.resolve(".secrets/supervisor-ssh-key"), DEPLOY_KEY);
    Path folder = Path.of("../examples", example);
    Path source =
        Files.exists(folder.resolve("cluster.yaml"))
            ? folder.resolve("cluster.yaml")
            : folder.resolve("cfctl.yaml");
    // what the example's paths name (values, manifests, nodes.csv, a sealing certificate)
    copyFolder(folder, dir);
    boolean hasGitops = Files.readString(source).contains("gitops:");
    Map<String, FakeK0sHost> hosts = new LinkedHashMap<>();
    Path config =
        write(
            source,
            bare,
            binary,
            V1,
            tree -> {},
            address -> hosts.put(address, new FakeK0sHost(address, "n" + hosts.size())));
    HostsSettings settings =
        HostsSettings.defaults()
            .withWaitTimeout(Duration.ofSeconds(3))
            .withConnector(FakeK0sHost.connector(hosts, List.of()));
    // the CLI hands in Helm; here a small stand-in of ArgoCD's chart for the bootstrap
    HostPhases<HostsContext> phases =
        FakeHydrator.handedTo(new K0sHostPhases(settings), FakeHydrator.argocd());

    boolean bootstrapsArgocd = Files.readString(source).contains("argocd:");
    try (MockCluster cluster = new MockCluster()) {
      if (!bootstrapsArgocd) {
        // an example without the gitops stack expects an ArgoCD that already runs
        FakeArgo.installRunningArgocd(cluster);
      }
      FakeArgo argo = new FakeArgo(cluster).following(bare, "main");
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(kubeconfig, cluster.kubeconfig());
      ApplyOptions options =
          ApplyOptions.defaults()
              .timeout(Duration.ofMinutes(2))
              .kubeconfig(kubeconfig)
              .env(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()))
              .build();

      LoadedConfig loaded = load(config);
      new ClusterApplyAction<>(phases, new CertificateSealing(false, null, Map.of()))
          .run(loaded, options);

      ApplyReport again =
          new ClusterApplyAction<>(phases, new CertificateSealing(true, null, Map.of()))
              .run(loaded, options.toBuilder().dryRun(true).build());
      String plan = io.clusterfactory.cfctl.core.apply.Plan.of(true, again.changes()).toText();
      // the hooks are the user's commands, run on every apply as k0sctl does: not a change
      assertEquals(
          List.of(),
          again.changes().stream().filter(c -> !c.phase().endsWith(" apply hooks")).toList(),
          example + ": the dry run after apply:\n" + plan);
      DiffReport diff = diff(phases, loaded, options);
      assertFalse(diff.hasChanges(), example + ": diff after apply:\n" + text(diff));

      // a set of changes, each on the converged cluster (neither diff nor a dry run changes it)
      Path binaryV2 = dir.resolve("k0s-v2");
      Files.write(binaryV2, FakeK0sHost.binary(V2));
      Consumer<ObjectNode> morePools =
          tree ->
              ((ObjectNode) tree.with("spec").with("network"))
                  .with("metallb")
                  .withArray("pools")
                  .addObject()
                  .put("name", "extra")
                  .putArray("addresses")
                  .add("10.99.0.0/28");
      Consumer<ObjectNode> aLabel =
          tree ->
              ((ObjectNode) tree.with("spec").withArray("hosts").get(0))
                  .withArray("installFlags")
                  .add("--labels=cfctl.test/edge=yes");
      Map<String, Change> changes = new LinkedHashMap<>();
      changes.put("a k0s upgrade", new Change(binaryV2, V2, tree -> {}));
      changes.put("an install flag on the first host", new Change(binary, V1, aLabel));
      if (hasGitops) {
        // without gitops the network stack is not cfctl's to deploy
        changes.put("one more MetalLB address pool", new Change(binary, V1, morePools));
        changes.put("a k0s upgrade and one more pool", new Change(binaryV2, V2, morePools));
      }
      for (var entry : changes.entrySet()) {
        Change change = entry.getValue();
        String what = example + ", " + entry.getKey();
        Path changed =
            write(source, bare, change.binary(), change.version(), change.edit(), address -> {});
        LoadedConfig next = load(changed);
        DiffReport planned = diff(phases, next, options);
        ApplyReport dryRun =
            new ClusterApplyAction<>(phases, new CertificateSealing(true, null, Map.of()))
                .run(next, options.toBuilder().dryRun(true).build());
        assertTrue(planned.hasChanges(), what + ": diff finds the change");
        assertEquals(
            targets(
                dryRun.changes().stream()
                    .filter(c -> !c.phase().endsWith(" apply hooks"))
                    .toList()),
            changedTargets(planned),
            what + ": diff and apply --dry-run name the same targets\n" + text(planned));
      }
      argo.close();
    }
  }

  @Test
  void aSecretInputThatIsNotSetExitsTwoBeforeAnyHostIsTouched() throws Exception {
    Path bare = dir.resolve("gitops.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    Path binary = dir.resolve("k0s");
    Files.write(binary, FakeK0sHost.binary(V1));
    Files.writeString(dir.resolve("motd"), "hello");
    Path source = Path.of("../examples/lab/cluster.yaml");
    Files.copy(source.resolveSibling("sealed-secrets.pem"), dir.resolve("sealed-secrets.pem"));
    Map<String, FakeK0sHost> hosts = new LinkedHashMap<>();
    // .secrets/mariadb-root is missing: the rootPassword input is not set
    Path config =
        write(
            source,
            bare,
            binary,
            V1,
            tree -> {
              var host = (ObjectNode) tree.with("spec").withArray("hosts").get(0);
              host.putArray("files")
                  .addObject()
                  .put("src", dir.resolve("motd").toString())
                  .put("dstDir", "/etc/cfctl-test");
            },
            address -> hosts.put(address, new FakeK0sHost(address, "n" + hosts.size())));
    K0sHostPhases phases =
        new K0sHostPhases(
            HostsSettings.defaults().withConnector(FakeK0sHost.connector(hosts, List.of())));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                new ClusterApplyAction<>(phases, new CertificateSealing(false, null, Map.of()))
                    .run(
                        load(config),
                        ApplyOptions.defaults()
                            .env(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()))
                            .build()));
    assertEquals(2, e.exitCode().code());
    assertTrue(e.getMessage().contains("mariadb"), e.getMessage());
    for (FakeK0sHost h : hosts.values()) {
      assertFalse(h.files().containsKey(FakeK0sHost.K0S), "no binary staged on " + h.name());
      assertTrue(
          h.files().keySet().stream().noneMatch(f -> f.startsWith("/etc/cfctl-test")),
          "no file uploaded to " + h.name());
      assertTrue(
          h.commands().stream().noneMatch(c -> c.contains("install")),
          "nothing installed on " + h.name());
    }
  }

  /** cluster.yaml as applied, with another binary and version and an edit. */
  record Change(Path binary, String version, Consumer<ObjectNode> edit) {}

  static DiffReport diff(
      HostPhases<HostsContext> phases, LoadedConfig loaded, ApplyOptions options) {
    return new ClusterDiffAction<>(phases, new CertificateSealing(true, null, Map.of()))
        .run(loaded, options);
  }

  static String text(DiffReport report) {
    return DiffFormat.TEXT.renderer(false).render(report);
  }

  /** Hosts, the repository and objects the dry run would change, by name. */
  static TreeSet<String> targets(List<PlannedChange> changes) {
    TreeSet<String> out = new TreeSet<>();
    for (PlannedChange c : changes) {
      String t = c.target();
      if (t.startsWith("kube/")) {
        // kube/Kind/ns/name or kube/Kind/name
        String[] parts = t.substring(5).split("/");
        out.add("object " + parts[0] + "/" + parts[parts.length - 1]);
      } else if (t.contains("@")) {
        out.add("host " + t);
      } else {
        out.add("git");
      }
    }
    return out;
  }

  static TreeSet<String> changedTargets(DiffReport report) {
    TreeSet<String> out = new TreeSet<>();
    if (report.hosts() != null) {
      report.hosts().hosts().stream()
          .filter(h -> h.change().isChange())
          .forEach(h -> out.add("host " + h.host()));
    }
    if (report.git() != null && report.git().hasChanges()) {
      out.add("git");
    }
    if (report.live() != null) {
      report.live().objects().stream()
          .filter(o -> o.change().isChange())
          .forEach(o -> out.add("object " + o.ref().kind() + "/" + o.ref().name()));
    }
    return out;
  }

  /**
   * Points each {@code {env: NAME}} secret input at a file holding a value instead: the process
   * environment of a test cannot be set.
   */
  void secretInputsFromFiles(com.fasterxml.jackson.databind.JsonNode node) throws Exception {
    if (node instanceof ObjectNode object) {
      if (object.size() == 1 && object.path("env").isTextual()) {
        String name = object.path("env").asText();
        Path file = dir.resolve(".secrets/env-" + name);
        Files.writeString(file, "value-of-" + name);
        object.remove("env");
        object.put("file", ".secrets/env-" + name);
        return;
      }
      for (var field : (Iterable<com.fasterxml.jackson.databind.JsonNode>) object::elements) {
        secretInputsFromFiles(field);
      }
    } else if (node.isArray()) {
      for (var element : node) {
        secretInputsFromFiles(element);
      }
    }
  }

  static void copyFolder(Path from, Path to) throws java.io.IOException {
    try (var paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else if (!Files.exists(target)) {
          Files.copy(path, target);
        }
      }
    }
  }

  LoadedConfig load(Path config) {
    return new ConfigLoader(k -> null, ValidationMode.OFFLINE).load(config);
  }

  /** The example with the bare repository, the local binary on every host, and an edit. */
  Path write(
      Path source,
      Path bare,
      Path binary,
      String version,
      Consumer<ObjectNode> edit,
      Consumer<String> eachAddress)
      throws Exception {
    ObjectNode tree = (ObjectNode) YAML.readTree(source.toFile());
    ObjectNode spec = tree.with("spec");
    if (spec.has("gitops")) {
      spec.with("gitops").with("repository").put("url", bare.toUri().toString());
    }
    spec.with("k0s").put("version", version);
    List<String> addresses = new ArrayList<>();
    for (var host : spec.withArray("hosts")) {
      ObjectNode h = (ObjectNode) host;
      h.put("k0sBinaryPath", binary.toString());
      addresses.add(h.path("ssh").path("address").asText());
    }
    addresses.forEach(eachAddress);
    secretInputsFromFiles(tree);
    edit.accept(tree);
    Path out = dir.resolve("cluster-" + version + ".yaml");
    YAML.writeValue(out.toFile(), tree);
    return out;
  }
}
