package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.apply.FakeArgo;
import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.core.secrets.SecretLeaks;
import io.clusterfactory.cfctl.k0s.lab.Lab;
import io.clusterfactory.cfctl.k0s.lab.StandInK0s;
import io.clusterfactory.cfctl.testing.LabTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code cfctl apply examples/lab/cluster.yaml} from bare hosts to every stack: three real
 * OpenSSH lab hosts (stand-in k0s), a real bare Git repository, and the fabric8 mock API server
 * with a fake ArgoCD that marks Deployments available and Applications Synced/Healthy at the pushed
 * commit. The API is reached with --kubeconfig: the stand-in k0s has no real API server.
 */
@LabTier
class EndToEndLabTest {
  static final String DB_PASSWORD = "e2e-Db-Root-Pw-7731";

  @TempDir static Path dir;
  static Lab lab;
  static MockCluster cluster;
  static FakeArgo argo;
  static Path bare;
  static Path config;
  static Path kubeconfig;
  static String savedHome;
  static final StringBuilder allLogs = new StringBuilder();

  @BeforeAll
  static void setUp() throws Exception {
    lab = Lab.create(3);
    cluster = new MockCluster();
    argo = new FakeArgo(cluster);
    // ArgoCD runs already: a new cluster gets it from its hydrated chart (BootstrapTest on the mock
    // API), and the lab reaches no chart repository, so this run starts at the stacks as on a
    // cluster bootstrapped before
    FakeArgo.installRunningArgocd(cluster);
    cluster
        .client()
        .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
        .inNamespace("argocd")
        .resource(
            new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("Application")
                .withNewMetadata()
                .withName("gitops-argocd")
                .withNamespace("argocd")
                .endMetadata()
                .addToAdditionalProperties(
                    "status", java.util.Map.of("health", java.util.Map.of("status", "Healthy")))
                .build())
        .create();
    // The kubelets' Nodes (the mock API has no kubelet): named as k0s names them, the hostname
    for (int i = 0; i < 3; i++) {
      cluster
          .client()
          .nodes()
          .resource(
              new io.fabric8.kubernetes.api.model.NodeBuilder()
                  .withNewMetadata()
                  .withName(lab.host(i).hostname().toLowerCase(java.util.Locale.ROOT))
                  .endMetadata()
                  .build())
          .create();
    }
    // A private home: cfctl reads ~/.ssh/known_hosts and the key from it, and writes its caches.
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve(".ssh"));
    Files.copy(lab.knownHosts(), home.resolve(".ssh/known_hosts"));
    Files.copy(lab.clientKey(), home.resolve(".ssh/id_ed25519"));
    savedHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());

    bare = dir.resolve("gitops.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    Files.createDirectories(dir.resolve("bin"));
    Path k0s = StandInK0s.write(dir.resolve("bin"), StandInK0s.DEFAULT_VERSION);
    Path site = dir.resolve("site");
    Files.createDirectories(site.resolve(".secrets"));
    Files.writeString(site.resolve(".secrets/mariadb-root"), DB_PASSWORD);
    Files.copy(Path.of("../examples/lab/sealed-secrets.pem"), site.resolve("sealed-secrets.pem"));
    String yaml = Files.readString(Path.of("../examples/lab/cluster.yaml"));
    for (int i = 0; i < 3; i++) {
      yaml = yaml.replace("10.199.0." + (11 + i), lab.host(i).address());
    }
    yaml =
        yaml.replace("file:///srv/gitops.git", bare.toUri().toString())
            .replace(
                "10.199.0.200-10.199.0.220",
                lab.host(0).address().replaceAll("\\.\\d+$", ".200-")
                    + lab.host(0).address().replaceAll("\\.\\d+$", ".220"))
            .replace("    version: v1.31.2+k0s.0", "    version: v1.31.2+k0s.0\n")
            .replaceAll("(?m)^(      ssh: \\{.*\\})$", "$1\n      k0sBinaryPath: " + k0s);
    // day-2 settings of the first worker, reconciled on its Node through the API
    yaml =
        yaml.replaceFirst(
            "(?m)^(      ssh: \\{address: "
                + java.util.regex.Pattern.quote(lab.host(1).address())
                + ",.*\\})$",
            "$1\n      labels: {rack: r1}\n      taints: [\"dedicated=slurm:NoSchedule\"]");
    config = site.resolve("cluster.yaml");
    Files.writeString(config, yaml);
    kubeconfig = dir.resolve("mock.kubeconfig");
    Files.writeString(kubeconfig, cluster.kubeconfig());
    // The fake ArgoCD reports whatever commit is at the head of the branch.
    argo.following(bare, "main");
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (savedHome != null) {
      System.setProperty("user.home", savedHome);
    }
    if (argo != null) {
      argo.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  static String head() throws Exception {
    try (Repository repo = Git.open(bare.toFile()).getRepository()) {
      var id = repo.resolve("refs/heads/main");
      return id == null ? null : id.name();
    }
  }

  static CliRun run(String... args) {
    CliRun r = CliRun.of(args);
    allLogs.append(r.out()).append(r.err());
    return r;
  }

  static List<String> mutatingK0sCalls(int host) {
    List<String> out = new ArrayList<>();
    for (String call : lab.k0sCalls(host)) {
      if (call.matches(".*\\b(install|start|stop|reset|token create)\\b.*")) {
        out.add(call);
      }
    }
    return out;
  }

  @Test
  @DisplayName("apply: bare hosts to every stack; the second run changes nothing anywhere")
  void applyEndToEnd() throws Exception {
    CliRun first =
        run(
            "apply",
            "--no-hydrate",
            config.toString(),
            "--kubeconfig",
            kubeconfig.toString(),
            "--timeout",
            "2m");
    assertEquals(0, first.exitCode(), first.err());

    // Hosts: k0s runs on each, with the right role.
    for (int i = 0; i < 3; i++) {
      String status = lab.execOk(i, StandInK0s.INSTALL_PATH + " status -o json");
      JsonNode json = new ObjectMapper().readTree(status);
      assertEquals(i == 0 ? "controller" : "worker", json.get("Role").asText(), status);
    }
    // Day-2 host settings: the worker's label and taint on its Node, no other Node touched.
    var worker =
        cluster
            .client()
            .nodes()
            .withName(lab.host(1).hostname().toLowerCase(java.util.Locale.ROOT))
            .get();
    assertEquals("r1", worker.getMetadata().getLabels().get("rack"), worker.toString());
    assertEquals(
        List.of("dedicated=slurm:NoSchedule"),
        worker.getSpec().getTaints().stream()
            .map(t -> t.getKey() + "=" + t.getValue() + ":" + t.getEffect())
            .toList());
    var other =
        cluster
            .client()
            .nodes()
            .withName(lab.host(2).hostname().toLowerCase(java.util.Locale.ROOT))
            .get();
    assertTrue(
        other.getMetadata().getLabels() == null
            || !other.getMetadata().getLabels().containsKey("rack"),
        other.toString());
    // Git: one commit holding the tree, the secret only sealed.
    String commit = head();
    assertNotNull(commit);
    List<String> files = filesAt(commit);
    assertTrue(files.contains("clusters/lab/apps/network/metallb.yaml"), files.toString());
    assertTrue(
        files.contains(
            "clusters/lab/manifests/software/mariadb/mariadb-credentials-sealedsecret.yaml"),
        files.toString());
    // API: the bootstrap and every stack's Applications.
    var apps =
        cluster
            .client()
            .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
            .inNamespace("argocd")
            .list()
            .getItems();
    assertTrue(apps.size() >= 7, "Applications: " + apps.size());
    // no bootstrap Job: cfctl installs ArgoCD by server-side apply, never by an in-cluster Job
    assertTrue(
        cluster.client().batch().v1().jobs().inNamespace("argocd").list().getItems().isEmpty());

    // Second run: no commit, no API write, no k0s mutation.
    List<List<String>> callsBefore = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      callsBefore.add(mutatingK0sCalls(i));
    }
    cluster.dispatcher().clearRequests();
    CliRun second =
        run(
            "apply",
            "--no-hydrate",
            config.toString(),
            "--kubeconfig",
            kubeconfig.toString(),
            "--timeout",
            "2m");
    assertEquals(0, second.exitCode(), second.err());
    assertEquals(commit, head(), "no new commit");
    assertEquals(
        List.of(),
        cluster.dispatcher().writes().stream().filter(r -> !r.path().contains("/leases")).toList(),
        "no API write but the run's own cluster lease");
    for (int i = 0; i < 3; i++) {
      assertEquals(callsBefore.get(i), mutatingK0sCalls(i), "no k0s mutation on host " + i);
    }
    CliRun plan =
        run(
            "apply",
            "--no-hydrate",
            config.toString(),
            "--kubeconfig",
            kubeconfig.toString(),
            "--dry-run",
            "-o",
            "json");
    assertEquals(0, plan.exitCode(), plan.err());
    JsonNode planJson = new ObjectMapper().readTree(plan.out());
    assertFalse(planJson.path("phases").isEmpty(), "every phase that ran is listed: " + plan.out());
    for (JsonNode phase : planJson.path("phases")) {
      assertTrue(phase.path("changes").isEmpty(), "a converged cluster: no change: " + plan.out());
    }
    assertFalse(
        plan.out().contains("Acquire exclusive host lock"),
        "a dry run takes no lock and says so: " + plan.out());
    assertTrue(planJson.path("dryRun").asBoolean(), plan.out());

    // status: every host runs k0s and every Application is Synced and Healthy.
    CliRun status =
        run("status", config.toString(), "--kubeconfig", kubeconfig.toString(), "-o", "json");
    assertEquals(0, status.exitCode(), status.out() + status.err());
    assertTrue(new ObjectMapper().readTree(status.out()).get("ok").asBoolean());

    // The secret never appears in clear: not in Git history, not in any output or trace log.
    SecretLeaks.assertNone(SecretLeaks.inGitHistory(bare, List.of(DB_PASSWORD)));
    SecretLeaks.assertNone(
        SecretLeaks.inText(allLogs.toString(), "cfctl output", List.of(DB_PASSWORD)));
    Path logs = Path.of(System.getProperty("cfctl.logDir", "target/cfctl-logs"));
    if (Files.isDirectory(logs)) {
      SecretLeaks.assertNone(SecretLeaks.inTree(logs, List.of(DB_PASSWORD)));
    }
  }

  static List<String> filesAt(String commit) throws Exception {
    List<String> out = new ArrayList<>();
    try (Repository repo = Git.open(bare.toFile()).getRepository();
        var walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
      RevCommit c = walk.parseCommit(repo.resolve(commit));
      try (TreeWalk tw = new TreeWalk(repo)) {
        tw.addTree(c.getTree());
        tw.setRecursive(true);
        while (tw.next()) {
          out.add(tw.getPathString());
        }
      }
    }
    return out;
  }
}
