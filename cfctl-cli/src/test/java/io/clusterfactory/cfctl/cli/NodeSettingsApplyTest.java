package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ApplyReport;
import io.clusterfactory.cfctl.core.apply.CertificateSealing;
import io.clusterfactory.cfctl.core.apply.ClusterApplyAction;
import io.clusterfactory.cfctl.core.apply.FakeArgo;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.diff.DiffReport;
import io.clusterfactory.cfctl.core.diff.HostDiff;
import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.k0s.FakeK0sHost;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import io.clusterfactory.cfctl.k0s.K0sHostPhases;
import io.clusterfactory.cfctl.k0s.model.NodeSettings;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.hosts[].labels} and {@code taints} on the Node through the API, on every apply: set,
 * changed, removed when cluster.yaml drops them, while what others set stays; diff shows each as
 * the host's change and is empty once applied.
 */
@MockApiTier
class NodeSettingsApplyTest {
  static final String V1 = "v1.31.2+k0s.0";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;

  @Test
  void labelsAndTaintsAreReconciledOnEveryApplyAndOnlyCfctlsAreRemoved() throws Exception {
    Path bare = dir.resolve("gitops.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    Path binary = dir.resolve("k0s");
    Files.write(binary, FakeK0sHost.binary(V1));
    Map<String, FakeK0sHost> hosts = new LinkedHashMap<>();
    Path config =
        write(
            bare,
            binary,
            h -> {
              h.putObject("labels").put("rack", "r1").put("gpu.example.org/model", "a100");
              h.putArray("taints").add("gpu=true:NoSchedule");
            });
    hosts.put("192.0.2.10", new FakeK0sHost("192.0.2.10", "n0"));
    K0sHostPhases phases =
        new K0sHostPhases(
            HostsSettings.defaults()
                .withWaitTimeout(Duration.ofSeconds(3))
                .withConnector(FakeK0sHost.connector(hosts, List.of())));

    try (MockCluster cluster = new MockCluster()) {
      // the kubelet registered the node; k0s and an operator put their own label and taint on it
      cluster
          .client()
          .nodes()
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName("n0")
                  .addToLabels("kubernetes.io/hostname", "n0")
                  .endMetadata()
                  .withNewSpec()
                  .addNewTaint()
                  .withKey("node.example.org/maintenance")
                  .withEffect("NoExecute")
                  .endTaint()
                  .endSpec()
                  .build())
          .create();
      // examples/single expects an ArgoCD that already runs
      FakeArgo.installArgocdCrds(cluster);
      cluster
          .client()
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName("argocd")
                  .endMetadata()
                  .build())
          .create();
      FakeArgo argo = new FakeArgo(cluster).following(bare, "main");
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(kubeconfig, cluster.kubeconfig());
      ApplyOptions options =
          ApplyOptions.defaults()
              .timeout(Duration.ofMinutes(2))
              .kubeconfig(kubeconfig)
              .env(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()))
              .build();

      LoadedConfig first = load(config);
      ApplyReport dry = apply(phases, first, options.toBuilder().dryRun(true).build());
      assertTrue(
          dry.changes().stream()
              .anyMatch(
                  c ->
                      c.description()
                          .equals(
                              "node n0: set label gpu.example.org/model=a100, set label"
                                  + " rack=r1, set taint gpu:NoSchedule")),
          "the dry run names every setting: " + dry.changes());
      apply(phases, first, options);
      Node n0 = cluster.client().nodes().withName("n0").get();
      assertEquals("r1", n0.getMetadata().getLabels().get("rack"));
      assertEquals("a100", n0.getMetadata().getLabels().get("gpu.example.org/model"));
      assertEquals("n0", n0.getMetadata().getLabels().get("kubernetes.io/hostname"));
      assertEquals(
          List.of("node.example.org/maintenance:NoExecute", "gpu=true:NoSchedule"), taints(n0));

      ApplyReport again = apply(phases, first, options.toBuilder().dryRun(true).build());
      assertEquals(List.of(), again.changes(), "a second apply changes nothing");
      DiffReport converged = OnePipelineTest.diff(phases, first, options);
      assertFalse(converged.hasChanges(), OnePipelineTest.text(converged));

      // rack changes, the GPU label and taint go away
      Path changed = write(bare, binary, h -> h.putObject("labels").put("rack", "r2"));
      LoadedConfig next = load(changed);
      DiffReport planned = OnePipelineTest.diff(phases, next, options);
      HostDiff host = planned.hosts().hosts().get(0);
      assertTrue(host.change().isChange(), OnePipelineTest.text(planned));
      assertEquals(
          List.of(
              new HostDiff.FlagChange("label gpu.example.org/model", "a100", null),
              new HostDiff.FlagChange("label rack", "r1", "r2"),
              new HostDiff.FlagChange("taint gpu:NoSchedule", "gpu=true:NoSchedule", null)),
          host.flags());
      ApplyReport dryRun = apply(phases, next, options.toBuilder().dryRun(true).build());
      assertEquals(
          OnePipelineTest.targets(dryRun.changes()),
          OnePipelineTest.changedTargets(planned),
          "diff and apply --dry-run name the same targets");

      apply(phases, next, options);
      n0 = cluster.client().nodes().withName("n0").get();
      assertEquals("r2", n0.getMetadata().getLabels().get("rack"));
      assertFalse(n0.getMetadata().getLabels().containsKey("gpu.example.org/model"));
      assertEquals("n0", n0.getMetadata().getLabels().get("kubernetes.io/hostname"));
      assertEquals(List.of("node.example.org/maintenance:NoExecute"), taints(n0));
      assertEquals(
          "{\"labels\":[\"rack\"]}", n0.getMetadata().getAnnotations().get(NodeSettings.OWNED));
      assertFalse(OnePipelineTest.diff(phases, next, options).hasChanges());
      argo.close();
    }
  }

  static ApplyReport apply(K0sHostPhases phases, LoadedConfig config, ApplyOptions options) {
    return new ClusterApplyAction<>(
            phases, new CertificateSealing(options.dryRun(), null, Map.of()))
        .run(config, options);
  }

  static List<String> taints(Node n) {
    List<Taint> taints = n.getSpec().getTaints();
    return taints.stream()
        .map(
            t ->
                t.getKey()
                    + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue())
                    + ":"
                    + t.getEffect())
        .toList();
  }

  LoadedConfig load(Path config) {
    return new ConfigLoader(k -> null, ValidationMode.OFFLINE).load(config);
  }

  private int written;

  /** examples/single with the bare repository, the local binary and the host edited. */
  Path write(Path bare, Path binary, Consumer<ObjectNode> host) throws Exception {
    ObjectNode tree =
        (ObjectNode) YAML.readTree(Path.of("../examples/single/cluster.yaml").toFile());
    ObjectNode spec = tree.with("spec");
    spec.with("gitops").with("repository").put("url", bare.toUri().toString());
    spec.with("k0s").put("version", V1);
    ObjectNode h = (ObjectNode) spec.withArray("hosts").get(0);
    h.put("k0sBinaryPath", binary.toString());
    host.accept(h);
    Path out = dir.resolve("cluster-" + written++ + ".yaml");
    YAML.writeValue(out.toFile(), tree);
    return out;
  }
}
