package io.clusterfactory.cfctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.diff.ChangeKind;
import io.clusterfactory.cfctl.core.diff.ObjectDiff;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.hydrate.FakeHydrator;
import io.clusterfactory.cfctl.core.hydrate.HydratedApplication;
import io.clusterfactory.cfctl.core.hydrate.Hydrator;
import io.clusterfactory.cfctl.core.kube.ApplyPatchDispatcher;
import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.core.pipeline.OnlyWhen;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap on the mock API: ArgoCD's hydrated chart applied server-side with ArgoCD's
 * tracking, CRDs first, nothing of the bootstrap left behind, and the refusal without a chart.
 */
@MockApiTier
class BootstrapTest {
  @TempDir Path dir;
  MockCluster cluster;
  FakeArgo argo;
  Path bare;
  Path kubeconfig;
  final List<String> hostCalls = new ArrayList<>();

  /** Hosts that only record whether their install phase ran. */
  final HostPhases<ClusterContext> hosts =
      new HostPhases<>() {
        @Override
        public ClusterContext context(LoadedConfig config, ApplyOptions options, Command command) {
          return new ClusterContext(config, options, command);
        }

        @Override
        public List<Phase<? super ClusterContext>> phases(HostStep step) {
          return step != HostStep.INSTALL
              ? List.of()
              : List.of(
                  OnlyWhen.of(
                      ClusterContext::managesHosts,
                      ClusterApplyActionTest.phase("Install k0s", c -> hostCalls.add("install"))));
        }
      };

  @BeforeEach
  void start() throws Exception {
    cluster = new MockCluster();
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

  LoadedConfig lab() throws Exception {
    Path site = dir.resolve("site");
    Files.createDirectories(site.resolve(".secrets"));
    Files.writeString(site.resolve(".secrets/mariadb-root"), "db-Boot-3131");
    Files.copy(Path.of("../examples/lab/sealed-secrets.pem"), site.resolve("sealed-secrets.pem"));
    Files.writeString(
        site.resolve("cluster.yaml"),
        Files.readString(Path.of("../examples/lab/cluster.yaml"))
            .replace("file:///srv/gitops.git", bare.toUri().toString()));
    return new ConfigLoader(k -> null, ValidationMode.OFFLINE).load(site.resolve("cluster.yaml"));
  }

  ApplyOptions.Builder options() {
    return ApplyOptions.defaults()
        .parts(EnumSet.of(ApplyPart.GITOPS, ApplyPart.STACKS))
        .timeout(Duration.ofSeconds(60))
        .kubeconfig(kubeconfig)
        .env(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()));
  }

  ApplyReport apply(LoadedConfig config, ApplyOptions options, Hydrator hydrator) {
    HostPhases<ClusterContext> h =
        hydrator == null ? hosts : FakeHydrator.handedTo(hosts, hydrator);
    return new ClusterApplyAction<>(h, new CertificateSealing(false, null, Map.of()))
        .run(config, options);
  }

  GenericKubernetesResource get(String apiVersion, String kind, String namespace, String name) {
    var op = cluster.client().genericKubernetesResources(apiVersion, kind);
    return namespace == null
        ? op.withName(name).get()
        : op.inNamespace(namespace).withName(name).get();
  }

  @Test
  @DisplayName(
      "a new cluster: ArgoCD's chart is applied by SSA with ArgoCD's tracking, CRDs first; a"
          + " second apply changes nothing")
  void bootstrapAppliesTheHydratedChart() throws Exception {
    argo.following(bare, "main");
    LoadedConfig config = lab();
    apply(config, options().build(), FakeHydrator.argocd());

    for (HydratedApplication.HydratedObject o : FakeHydrator.argocdObjects()) {
      String kind = o.body().path("kind").asText();
      String name = o.body().path("metadata").path("name").asText();
      boolean namespaced = kind.equals("ServiceAccount") || kind.equals("Deployment");
      GenericKubernetesResource live =
          get(o.body().path("apiVersion").asText(), kind, namespaced ? "argocd" : null, name);
      assertNotNull(live, kind + " " + name + " applied");
      String tracking =
          live.getMetadata().getAnnotations() == null
              ? null
              : live.getMetadata()
                  .getAnnotations()
                  .get(io.clusterfactory.cfctl.core.manifest.ArgoTrackingId.ANNOTATION);
      if (kind.equals("CustomResourceDefinition")) {
        assertNull(tracking, "Argo CD never tracks a CRD: " + name);
      } else {
        String group =
            o.body().path("apiVersion").asText().contains("/")
                ? o.body().path("apiVersion").asText().split("/")[0]
                : "";
        // what Argo CD writes: <app>:<group>/<kind>:<namespace>/<name>, the destination
        // namespace for objects without one (cluster-scoped included)
        assertEquals("gitops-argocd:" + group + "/" + kind + ":argocd/" + name, tracking, name);
      }
    }
    assertEquals(
        "gitops-argocd:apps/Deployment:argocd/argocd-server",
        get("apps/v1", "Deployment", "argocd", "argocd-server")
            .getMetadata()
            .getAnnotations()
            .get(io.clusterfactory.cfctl.core.manifest.ArgoTrackingId.ANNOTATION));

    // every object of the chart arrived by server-side apply, the CRDs before the rest
    List<ApplyPatchDispatcher.Request> writes = cluster.dispatcher().writes();
    int lastCrd = -1;
    int firstOther = Integer.MAX_VALUE;
    for (int i = 0; i < writes.size(); i++) {
      var w = writes.get(i);
      String path = w.resourcePath();
      if (w.method().equals("PUT")) {
        continue; // FakeArgo writing status, as the controllers would
      }
      if (path.contains("/customresourcedefinitions/") && path.endsWith(".argoproj.io")) {
        assertEquals("PATCH", w.method());
        assertTrue(w.contentType().startsWith("application/apply-patch"), w.toString());
        lastCrd = Math.max(lastCrd, i);
      }
      if (path.endsWith("/argocd-server")) {
        assertEquals("PATCH", w.method(), w.toString());
        assertTrue(w.contentType().startsWith("application/apply-patch"), w.toString());
        firstOther = Math.min(firstOther, i);
      }
    }
    assertTrue(lastCrd >= 0 && firstOther < Integer.MAX_VALUE, writes.toString());
    assertTrue(lastCrd < firstOther, "CRDs before the rest: " + writes);
    assertNoBootstrapLeftovers();
    assertFalse(
        cluster
            .client()
            .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
            .inNamespace("argocd")
            .list()
            .getItems()
            .isEmpty(),
        "the Applications follow the CRDs");

    cluster.dispatcher().clearRequests();
    ApplyReport second = apply(config, options().build(), FakeHydrator.argocd());
    assertEquals(List.of(), second.changes(), "a converged re-apply performs no mutation");
    assertEquals(
        List.of(
            "POST /apis/coordination.k8s.io/v1/namespaces/kube-system/leases",
            "DELETE /apis/coordination.k8s.io/v1/namespaces/kube-system/leases/cfctl-apply"),
        cfctlWrites().stream().map(r -> r.method() + " " + r.path()).toList());
  }

  @Test
  @DisplayName(
      "apply --no-wait on a new cluster: the CRDs come by SSA, the Applications right after")
  void noWaitOnANewCluster() throws Exception {
    argo.close(); // nobody syncs, no Deployment becomes ready: --no-wait must not care
    ApplyReport report = apply(lab(), options().noWait(true).build(), FakeHydrator.argocd());
    assertFalse(report.stacks().isEmpty());
    assertNotNull(get("argoproj.io/v1alpha1", "Application", "argocd", "gitops-argocd"));
    assertNotNull(get("argoproj.io/v1alpha1", "Application", "argocd", "cfctl-root"));
  }

  @Test
  @DisplayName(
      "what an older cfctl's bootstrap Job left is listed by a dry run, shown by diff, then deleted")
  void leftoversOfTheOldBootstrapAreDeleted() throws Exception {
    argo.following(bare, "main");
    var client = cluster.client();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("argocd").endMetadata().build())
        .create();
    client
        .serviceAccounts()
        .inNamespace("argocd")
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("cfctl-bootstrap")
                .endMetadata()
                .build())
        .create();
    client
        .rbac()
        .clusterRoleBindings()
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName("cfctl-bootstrap-argocd")
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName("cluster-admin")
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("cfctl-bootstrap")
                .withNamespace("argocd")
                .endSubject()
                .build())
        .create();
    client
        .configMaps()
        .inNamespace("argocd")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cfctl-bootstrap-argocd-values")
                .endMetadata()
                .addToData("values.yaml", "dex: {enabled: false}\n")
                .build())
        .create();
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace("argocd")
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName("cfctl-bootstrap-argocd-9b4a81a66e3ed7dc")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("helm")
                .withImage("docker.io/alpine/helm:3.18.6")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    LoadedConfig config = lab();
    cluster.dispatcher().clearRequests();

    ApplyReport plan = apply(config, options().dryRun(true).build(), FakeHydrator.argocd());
    assertEquals(List.of(), cfctlWrites(), "a dry run writes nothing");
    List<String> deletions =
        plan.changes().stream()
            .filter(c -> c.description().startsWith("delete"))
            .map(PlannedChange::target)
            .sorted()
            .toList();
    assertEquals(4, deletions.size(), plan.changes().toString());
    assertTrue(
        deletions.stream().anyMatch(t -> t.contains("cfctl-bootstrap-argocd-9b4a81a66e3ed7dc")));
    assertTrue(
        deletions.stream().anyMatch(t -> t.contains("ClusterRoleBinding")), deletions.toString());

    var diff =
        new ClusterDiffAction<>(
                FakeHydrator.handedTo(hosts, FakeHydrator.argocd()), new NoSealing())
            .run(config, options().dryRun(true).build());
    List<ObjectDiff> deleted =
        diff.live().objects().stream().filter(o -> o.change() == ChangeKind.DELETE).toList();
    assertEquals(4, deleted.size(), deleted.toString());

    apply(config, options().build(), FakeHydrator.argocd());
    assertNoBootstrapLeftovers();
  }

  @Test
  @DisplayName(
      "no hydrated ArgoCD chart and no ArgoCD on the cluster: refused before any mutating request")
  void refusedWithoutTheChart() throws Exception {
    LoadedConfig config = lab();
    cluster.dispatcher().clearRequests();
    var e = assertThrows(InvalidInputException.class, () -> apply(config, options().build(), null));
    assertTrue(e.getMessage().contains("gitops-argocd"), e.getMessage());
    assertTrue(e.getMessage().contains("not hydrated"), e.getMessage());
    assertTrue(e.hint().contains("without --no-hydrate"), e.hint());
    assertEquals(List.of(), cfctlWrites(), "no PATCH, POST or DELETE");
    assertEquals(null, Git.open(bare.toFile()).getRepository().resolve("refs/heads/main"));

    // a cluster that does not exist yet will need the bootstrap: refused before the hosts change
    var fresh =
        assertThrows(
            InvalidInputException.class,
            () ->
                apply(
                    config,
                    options().parts(EnumSet.allOf(ApplyPart.class)).kubeconfig(null).build(),
                    new FakeHydrator(Map.of())));
    assertTrue(fresh.getMessage().contains("does not exist yet"), fresh.getMessage());
    assertEquals(List.of(), hostCalls, "no host was changed");
    assertEquals(List.of(), cfctlWrites());
  }

  /**
   * The write requests cfctl made: all but the PUTs {@link FakeArgo} sends (status, as the
   * controllers write it); cfctl writes objects by server-side apply (PATCH) and DELETE, and PUTs
   * only its lease.
   */
  List<ApplyPatchDispatcher.Request> cfctlWrites() {
    return cluster.dispatcher().writes().stream()
        .filter(w -> !w.method().equals("PUT") || w.path().contains("/leases/"))
        .toList();
  }

  void assertNoBootstrapLeftovers() {
    var client = cluster.client();
    assertNull(client.rbac().clusterRoleBindings().withName("cfctl-bootstrap-argocd").get());
    assertNull(client.serviceAccounts().inNamespace("argocd").withName("cfctl-bootstrap").get());
    assertNull(
        client.configMaps().inNamespace("argocd").withName("cfctl-bootstrap-argocd-values").get());
    assertEquals(
        List.of(),
        client.batch().v1().jobs().inAnyNamespace().list().getItems().stream()
            .map(j -> j.getMetadata().getName())
            .toList(),
        "no Job");
  }
}
