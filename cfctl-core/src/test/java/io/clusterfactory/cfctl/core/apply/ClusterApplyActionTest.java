package io.clusterfactory.cfctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.gitops.PublishResult;
import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.core.kube.WaitTimeoutException;
import io.clusterfactory.cfctl.core.pipeline.OnlyWhen;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import io.clusterfactory.cfctl.testing.MockApiTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apply's GitOps and stacks parts end to end: real bare repository, mock API, fake ArgoCD. */
@MockApiTier
class ClusterApplyActionTest {
  @TempDir Path dir;
  MockCluster cluster;
  FakeArgo argo;
  Path bare;
  Path kubeconfig;
  final List<String> hostCalls = new ArrayList<>();

  /** The host side as a stand-in: records that its phases ran, serves the mock's kubeconfig. */
  final HostPhases<ClusterContext> hosts =
      new HostPhases<>() {
        @Override
        public ClusterContext context(LoadedConfig config, ApplyOptions options, Command command) {
          return new ClusterContext(config, options, command);
        }

        @Override
        public List<Phase<? super ClusterContext>> phases(HostStep step) {
          return switch (step) {
            case INSTALL ->
                List.of(
                    OnlyWhen.of(
                        ClusterContext::managesHosts,
                        phase("Install k0s", c -> hostCalls.add("apply dryRun=" + c.dryRun()))));
            case KUBECONFIG ->
                List.of(
                    OnlyWhen.of(
                        c ->
                            c.needsApi()
                                && c.kubeconfig() == null
                                && c.options().kubeconfig() == null,
                        phase(
                            "Get the admin kubeconfig",
                            c -> {
                              hostCalls.add("kubeconfig");
                              try {
                                c.kubeconfig(Files.readString(kubeconfig));
                              } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                              }
                            })));
            default -> List.of();
          };
        }
      };

  static Phase<ClusterContext> phase(
      String title, java.util.function.Consumer<ClusterContext> run) {
    return new Phase<>() {
      @Override
      public String title() {
        return title;
      }

      @Override
      public void run(ClusterContext ctx) {
        run.accept(ctx);
      }
    };
  }

  @BeforeEach
  void start() throws Exception {
    cluster = new MockCluster();
    // network-only expects an ArgoCD that already runs: its kinds are served.
    FakeArgo.installRunningArgocd(cluster);
    cluster.dispatcher().clearRequests();
    argo = new FakeArgo(cluster);
    bare = dir.resolve("gitops.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, cluster.kubeconfig());
  }

  @AfterEach
  void stop() throws Exception {
    argo.close();
    cluster.close();
  }

  LoadedConfig config(String extraNetwork) throws Exception {
    return config(extraNetwork, "");
  }

  LoadedConfig config(String extraNetwork, String moreDocuments) throws Exception {
    String yaml =
        Files.readString(Path.of("../examples/network-only/cluster.yaml"))
                .replace("https://git.example.com/infra/edge.git", bare.toUri().toString())
            + extraNetwork
            + moreDocuments;
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader(k -> null, ValidationMode.OFFLINE).load(file);
  }

  ApplyOptions options(boolean dryRun, Duration timeout, ApplyPart... parts) {
    return ApplyOptions.defaults()
        .parts(parts.length == 0 ? EnumSet.allOf(ApplyPart.class) : EnumSet.of(parts[0], parts))
        .dryRun(dryRun)
        .timeout(timeout)
        .env(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()))
        .build();
  }

  ApplyReport apply(LoadedConfig config, ApplyOptions options) {
    return new ClusterApplyAction<>(hosts, new NoSealing()).run(config, options);
  }

  String head() throws Exception {
    try (Repository repo = Git.open(bare.toFile()).getRepository()) {
      var id = repo.resolve("refs/heads/main");
      return id == null ? null : id.name();
    }
  }

  @Test
  @DisplayName(
      "first apply commits the tree, applies the stack and waits; the second changes nothing")
  void firstApplyThenNoOp() throws Exception {
    LoadedConfig config = config("");
    // The fake ArgoCD reports the commit apply pushes, as soon as it lands.
    argo.following(bare, "main");
    ApplyReport first = apply(config, options(false, Duration.ofSeconds(60)));
    assertEquals(PublishResult.Outcome.COMMITTED, first.publish().outcome());
    assertEquals(first.publish().commitId(), head());
    // an existing cluster's kubeconfig is fetched before anything changes (sealing, the lease)
    assertEquals(List.of("kubeconfig", "apply dryRun=false"), hostCalls);
    var apps =
        cluster
            .client()
            .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
            .inNamespace("argocd")
            .list()
            .getItems();
    assertFalse(apps.isEmpty(), "Applications applied");
    assertTrue(first.changes().stream().anyMatch(c -> c.target().startsWith("kube/")));

    cluster.dispatcher().clearRequests();
    ApplyReport second = apply(config, options(false, Duration.ofSeconds(60)));
    assertEquals(PublishResult.Outcome.UNCHANGED, second.publish().outcome());
    assertEquals(first.publish().commitId(), head(), "no new commit");
    assertEquals(List.of(), second.changes(), "a converged re-apply performs no mutation");
    // the run's only writes are its own lock: the cluster lease, taken and given back
    assertEquals(
        List.of(
            "POST /apis/coordination.k8s.io/v1/namespaces/kube-system/leases",
            "DELETE /apis/coordination.k8s.io/v1/namespaces/kube-system/leases/cfctl-apply"),
        cluster.dispatcher().writes().stream().map(r -> r.method() + " " + r.path()).toList(),
        "no write request to the API but the lease");
    assertNull(
        cluster.client().leases().inNamespace("kube-system").withName("cfctl-apply").get(),
        "lease released");
  }

  @Test
  @DisplayName("--dry-run plans Git and cluster changes and writes nothing")
  void dryRunWritesNothing() throws Exception {
    ApplyReport plan = apply(config(""), options(true, Duration.ofSeconds(30)));
    assertNull(head(), "nothing pushed");
    assertEquals(List.of(), cluster.dispatcher().writes());
    List<String> targets = plan.changes().stream().map(PlannedChange::target).distinct().toList();
    assertTrue(targets.stream().anyMatch(t -> t.startsWith("kube/")), targets.toString());
    assertTrue(targets.stream().anyMatch(t -> t.contains("gitops.git")), targets.toString());
  }

  @Test
  void onlyGitopsTouchesNeitherHostsNorCluster() throws Exception {
    ApplyReport report =
        apply(config(""), options(false, Duration.ofSeconds(30), ApplyPart.GITOPS));
    assertNotNull(head());
    assertEquals(List.of(), hostCalls);
    assertEquals(List.of(), cluster.dispatcher().writes());
    assertEquals(List.of(), report.stacks());
  }

  @Test
  @DisplayName("a wait that times out names what is not ready")
  void waitTimeoutNamesWhatIsNotReady() throws Exception {
    argo.close(); // nobody syncs
    var e =
        assertThrows(
            WaitTimeoutException.class,
            () -> apply(config(""), options(false, Duration.ofSeconds(4))));
    assertTrue(e.getMessage().contains("Application"), e.getMessage());
    assertTrue(e.getMessage().contains("network"), e.getMessage());
  }

  private static void assertNull(Object o, String message) {
    assertEquals(null, o, message);
  }

  @Test
  @DisplayName(
      "a new cluster's secrets are sealed and committed in the same run, once the controller runs")
  void secretsAreSealedInTheFirstRunOnceTheControllerServesItsCertificate() throws Exception {
    try (MockCluster fresh = new MockCluster();
        FakeArgo freshArgo = new FakeArgo(fresh)) {
      Path site = dir.resolve("new-cluster");
      Files.createDirectories(site.resolve(".secrets"));
      Files.writeString(site.resolve(".secrets/mariadb-root"), "db-First-2929");
      String lab = Files.readString(Path.of("../examples/lab/cluster.yaml"));
      String yaml =
          lab.replace("file:///srv/gitops.git", bare.toUri().toString())
              .replace(
                  "    sealedSecrets:\n      certificate: ./sealed-secrets.pem\n",
                  "    sealedSecrets: {}\n");
      assertFalse(yaml.contains("certificate:"), "no certificate file: it must come from the API");
      Files.writeString(site.resolve("cluster.yaml"), yaml);
      LoadedConfig config =
          new ConfigLoader(k -> null, ValidationMode.OFFLINE).load(site.resolve("cluster.yaml"));
      Path kc = dir.resolve("new.kubeconfig");
      Files.writeString(kc, fresh.kubeconfig());
      freshArgo
          .following(bare, "main")
          .sealedSecretsController(Files.readString(Path.of("../examples/lab/sealed-secrets.pem")));
      ApplyOptions withKubeconfig = withKubeconfig(kc);

      ApplyReport report =
          new ClusterApplyAction<>(withArgocdChart(), new CertificateSealing(false, null, Map.of()))
              .run(config, withKubeconfig);

      assertEquals(2, commits(), "the tree, then the sealed secrets");
      assertTrue(
          headFiles().values().stream().anyMatch(text -> text.contains("kind: SealedSecret")),
          "a SealedSecret at the head of the branch");
      assertEquals(head(), report.publish().commitId(), "the report names the last commit");
      assertTrue(
          report.notes().stream().noneMatch(n -> n.contains("not sealed")),
          report.notes().toString());
      io.clusterfactory.cfctl.core.secrets.SecretLeaks.assertNone(
          io.clusterfactory.cfctl.core.secrets.SecretLeaks.inGitHistory(
              bare, List.of("db-First-2929")));

      new ClusterApplyAction<>(withArgocdChart(), new CertificateSealing(false, null, Map.of()))
          .run(config, withKubeconfig);
      assertEquals(2, commits(), "a second run seals to the same bytes and commits nothing");
    }
  }

  /** The hosts, with the run's hydrator yielding a small ArgoCD chart for the bootstrap. */
  HostPhases<ClusterContext> withArgocdChart() {
    return io.clusterfactory.cfctl.core.hydrate.FakeHydrator.handedTo(
        hosts, io.clusterfactory.cfctl.core.hydrate.FakeHydrator.argocd());
  }

  ApplyOptions withKubeconfig(Path kubeconfig) {
    return options(false, Duration.ofSeconds(60), ApplyPart.GITOPS, ApplyPart.STACKS).toBuilder()
        .kubeconfig(kubeconfig)
        .build();
  }

  int commits() throws Exception {
    try (Git git = Git.open(bare.toFile())) {
      int n = 0;
      for (var ignored : git.log().call()) {
        n++;
      }
      return n;
    }
  }

  /** Every file at the head of main, by path. */
  java.util.Map<String, String> headFiles() throws Exception {
    java.util.Map<String, String> files = new java.util.TreeMap<>();
    try (Repository repo = Git.open(bare.toFile()).getRepository();
        var walk = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
      walk.addTree(repo.parseCommit(repo.resolve("refs/heads/main")).getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        files.put(
            walk.getPathString(),
            new String(
                repo.open(walk.getObjectId(0)).getBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  @Test
  @DisplayName("a private repository: ArgoCD's credentials reach the API at bootstrap, never Git")
  void privateRepositoryCredentialsAtBootstrap() throws Exception {
    // A cluster without ArgoCD: the bootstrap installs it from the (fake) hydrated chart, whose
    // CRDs make the mock serve ArgoCD's kinds.
    try (MockCluster fresh = new MockCluster();
        FakeArgo freshArgo = new FakeArgo(fresh)) {
      Path site = dir.resolve("private");
      Files.createDirectories(site.resolve(".secrets"));
      Files.writeString(site.resolve(".secrets/git-token"), "tok-Private-4242");
      Files.writeString(site.resolve(".secrets/mariadb-root"), "db-Private-1717");
      Files.copy(Path.of("../examples/lab/sealed-secrets.pem"), site.resolve("sealed-secrets.pem"));
      String yaml =
          Files.readString(Path.of("../examples/lab/cluster.yaml"))
              .replace("file:///srv/gitops.git", bare.toUri().toString())
              .replace(
                  "    argocd: {}",
                  "    argocd:\n      repositoryUrl: https://git.example.org/infra/lab.git\n"
                      + "      credentials:\n        username: cfctl\n"
                      + "        password: {file: .secrets/git-token}");
      Files.writeString(site.resolve("cluster.yaml"), yaml);
      LoadedConfig config =
          new ConfigLoader(k -> null, ValidationMode.OFFLINE).load(site.resolve("cluster.yaml"));
      Path kc = dir.resolve("fresh.kubeconfig");
      Files.writeString(kc, fresh.kubeconfig());
      freshArgo.following(bare, "main");
      ApplyOptions withKubeconfig = withKubeconfig(kc);
      new ClusterApplyAction<>(withArgocdChart(), new CertificateSealing(false, null, Map.of()))
          .run(config, withKubeconfig);
      var secret =
          fresh.client().secrets().inNamespace("argocd").withName("cfctl-repository").get();
      assertNotNull(secret, "repository Secret created at bootstrap");
      assertEquals(
          "true", secret.getMetadata().getAnnotations().get("sealedsecrets.bitnami.com/managed"));
      assertTrue(
          secret.getData().values().stream()
              .map(v -> new String(java.util.Base64.getDecoder().decode(v)))
              .anyMatch(v -> v.contains("tok-Private-4242")),
          secret.getData().toString());
      io.clusterfactory.cfctl.core.secrets.SecretLeaks.assertNone(
          io.clusterfactory.cfctl.core.secrets.SecretLeaks.inGitHistory(
              bare, List.of("tok-Private-4242", "db-Private-1717")));
    }
  }

  @Test
  @DisplayName(
      "further documents of the config file are applied after the stacks and pruned when removed")
  void extraDocumentsAreAppliedAsTheirOwnApplySetAndPrunedWhenRemoved() throws Exception {
    argo.following(bare, "main");
    String motd =
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: site-motd\n"
            + "  namespace: argocd\ndata:\n  motd: hello\n";
    LoadedConfig with = config("", motd);
    assertEquals(1, with.manifests().size());
    ApplyReport first = apply(with, options(false, Duration.ofSeconds(60)));
    var cm = cluster.client().configMaps().inNamespace("argocd").withName("site-motd").get();
    assertNotNull(cm, "applied");
    assertEquals("manifests", cm.getMetadata().getLabels().get("cfctl.clusterfactory.io/stack"));
    assertTrue(
        first.changes().stream()
            .anyMatch(c -> c.phase().equals("Apply the config file's manifests")),
        first.changes().toString());
    var diff =
        new ClusterDiffAction<>(hosts, new NoSealing())
            .run(with, options(true, Duration.ofSeconds(60)));
    assertFalse(diff.hasChanges(), "diff after apply is empty");

    apply(config("", ""), options(false, Duration.ofSeconds(60)));
    assertNull(
        cluster.client().configMaps().inNamespace("argocd").withName("site-motd").get(),
        "pruned once removed from the file");
  }

  @Test
  @DisplayName("a site's own Application is applied with its stack and pruned once removed")
  void ownApplicationIsAppliedAndPrunedWhenRemoved() throws Exception {
    argo.following(bare, "main");
    String own =
        "  applications:\n"
            + "    - name: site-dns-extras\n"
            + "      stack: network\n"
            + "      repoURL: https://git.example.com/infra/extras.git\n"
            + "      path: dns\n"
            + "      targetRevision: main\n";
    apply(config(own), options(false, Duration.ofSeconds(60)));
    var apps =
        cluster
            .client()
            .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
            .inNamespace("argocd");
    assertNotNull(apps.withName("network-site-dns-extras").get(), "applied with the network stack");
    assertNotNull(apps.withName("network-coredns").get());

    apply(config(""), options(false, Duration.ofSeconds(60)));
    // deleted as cfctl's own removed components are: Argo CD's resources finalizer (which the
    // mock has no controller for) then deletes what the Application deployed, and the Application
    var gone = apps.withName("network-site-dns-extras").get();
    assertTrue(
        gone == null || gone.getMetadata().getDeletionTimestamp() != null, "pruned once removed");
    assertNotNull(apps.withName("network-coredns").get(), "cfctl's own are kept");
  }
}
