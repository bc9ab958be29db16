package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@MockApiTier
class StackApplierTest {
  private static final RetryPolicy FAST_RETRY =
      new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(50), 10);

  private MockCluster cluster;
  private MutationGuard guard;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    guard = new MutationGuard(false);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private StackApplier applier(Duration timeout) {
    KubeCalls calls = new KubeCalls(cluster.url(), FAST_RETRY, Deadline.in(timeout));
    return new StackApplier(cluster.client(), guard, calls);
  }

  private ApplyResult apply(List<GenericKubernetesResource> desired, SsaOptions options) {
    return applier(Duration.ofSeconds(30)).apply("network", desired, options);
  }

  private static SsaOptions sequential() {
    return new SsaOptions(false, true, 1);
  }

  private List<String> writePaths() {
    return cluster.dispatcher().writes().stream()
        .map(r -> r.method() + " " + r.resourcePath())
        .toList();
  }

  private GenericKubernetesResource live(String apiVersion, String kind, String ns, String name) {
    KubeCalls calls = new KubeCalls(cluster.url(), FAST_RETRY, Deadline.in(Duration.ofSeconds(5)));
    return new ResourceResolver(cluster.client(), calls)
        .get(ObjectRef.of(apiVersion, kind, ns, name));
  }

  @Test
  @DisplayName(
      "first apply creates every object: Namespaces, then CRDs, then wave by wave and kind")
  void firstApplyCreatesAllInOrder() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");

    ApplyResult result = apply(desired, sequential());

    assertEquals(desired.size(), result.counts().get(ObjectOutcome.CREATED));
    assertEquals(
        List.of(
            "PATCH /api/v1/namespaces/cfctl-system",
            "PATCH /api/v1/namespaces/cfctl-system/configmaps/applyset-network",
            "PATCH /api/v1/namespaces/metallb-system",
            "PATCH /api/v1/namespaces/traefik",
            "PATCH /apis/apiextensions.k8s.io/v1/customresourcedefinitions/ipaddresspools.metallb.io",
            // wave 0 by kind: ServiceAccount, Secret, ConfigMap, Deployment
            "PATCH /api/v1/namespaces/metallb-system/serviceaccounts/controller",
            "PATCH /api/v1/namespaces/metallb-system/secrets/memberlist",
            "PATCH /api/v1/namespaces/traefik/configmaps/traefik-config",
            "PATCH /apis/apps/v1/namespaces/metallb-system/deployments/controller",
            // wave 1, then wave 2
            "PATCH /apis/metallb.io/v1beta1/namespaces/metallb-system/ipaddresspools/default",
            "PATCH /apis/apps/v1/namespaces/traefik/deployments/traefik"),
        writePaths());
    assertTrue(
        cluster.dispatcher().writes().stream()
            .allMatch(
                r ->
                    r.path().contains("fieldManager=cfctl")
                        && r.contentType().startsWith("application/apply-patch")
                        && !r.path().contains("force=true")));
    GenericKubernetesResource configMap = live("v1", "ConfigMap", "traefik", "traefik-config");
    assertEquals(
        ApplySet.forStack("network").id(),
        configMap.getMetadata().getLabels().get(KubeNames.APPLYSET_PART_OF_LABEL));
    GenericKubernetesResource parent =
        live("v1", "ConfigMap", KubeNames.SYSTEM_NAMESPACE, "applyset-network");
    assertEquals(
        "ConfigMap,CustomResourceDefinition.apiextensions.k8s.io,Deployment.apps,"
            + "IPAddressPool.metallb.io,Namespace,Secret,ServiceAccount",
        parent.getMetadata().getAnnotations().get(KubeNames.APPLYSET_GROUP_KINDS_ANNOTATION));
  }

  @Test
  @DisplayName("in parallel, every Namespace and CRD is still written before any other object")
  void parallelApplyKeepsNamespacesAndCrdsFirst() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");

    apply(desired, new SsaOptions(false, true, 8));

    List<String> writes = writePaths();
    int lastBootstrap = -1;
    int firstOther = Integer.MAX_VALUE;
    for (int i = 2; i < writes.size(); i++) {
      String path = writes.get(i);
      boolean bootstrap =
          path.matches("PATCH /api/v1/namespaces/[^/]+")
              || path.contains("/customresourcedefinitions/");
      if (bootstrap) {
        lastBootstrap = i;
      } else {
        firstOther = Math.min(firstOther, i);
      }
    }
    assertTrue(lastBootstrap < firstOther, "order was " + writes);
    assertTrue(
        writes.indexOf("PATCH /apis/apps/v1/namespaces/traefik/deployments/traefik")
            > writes.indexOf(
                "PATCH /apis/metallb.io/v1beta1/namespaces/metallb-system/ipaddresspools/default"),
        "wave 2 after wave 1: " + writes);
  }

  @Test
  @DisplayName("re-applying the same objects writes nothing")
  void reapplyWritesNothing() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    apply(desired, SsaOptions.DEFAULT);
    cluster.dispatcher().clearRequests();

    ApplyResult again = apply(desired, SsaOptions.DEFAULT);

    assertTrue(again.unchanged(), () -> again.objects().toString());
    assertEquals(List.of(), cluster.dispatcher().writes());
  }

  @Test
  @DisplayName("a changed value re-applies exactly that one object")
  void changedValueChangesOneObject() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    apply(desired, SsaOptions.DEFAULT);
    cluster.dispatcher().clearRequests();
    GenericKubernetesResource configMap = find(desired, "ConfigMap", "traefik-config");
    configMap.setAdditionalProperty("data", Map.of("traefik.yaml", "entryPoints: {}\n"));

    ApplyResult again = apply(desired, SsaOptions.DEFAULT);

    assertEquals(
        List.of("PATCH /api/v1/namespaces/traefik/configmaps/traefik-config"), writePaths());
    assertEquals(1, again.counts().get(ObjectOutcome.CONFIGURED));
    assertEquals(desired.size() - 1, again.counts().get(ObjectOutcome.UNCHANGED));
    assertEquals(
        Map.of("traefik.yaml", "entryPoints: {}\n"),
        live("v1", "ConfigMap", "traefik", "traefik-config").getAdditionalProperties().get("data"));
  }

  @Test
  @DisplayName("a field someone else changed on the cluster is re-applied (drift)")
  void driftIsReapplied() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    apply(desired, SsaOptions.DEFAULT);
    cluster
        .client()
        .configMaps()
        .inNamespace("traefik")
        .withName("traefik-config")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("traefik.yaml", "edited by hand").build());
    cluster.dispatcher().clearRequests();

    ApplyResult again = apply(desired, SsaOptions.DEFAULT);

    assertEquals(
        List.of("PATCH /api/v1/namespaces/traefik/configmaps/traefik-config"), writePaths());
    assertEquals(1, again.counts().get(ObjectOutcome.CONFIGURED));
  }

  @Test
  @DisplayName("a removed component is pruned; an unlabelled object of the same kind is not")
  void removedComponentIsPruned() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    apply(desired, SsaOptions.DEFAULT);
    cluster
        .client()
        .configMaps()
        .inNamespace("metallb-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("created-by-hand")
                .withNamespace("metallb-system")
                .endMetadata()
                .addToData("k", "v")
                .build())
        .create();
    cluster.dispatcher().clearRequests();
    List<GenericKubernetesResource> withoutTraefik = withoutComponent(desired, "traefik");

    ApplyResult again = apply(withoutTraefik, SsaOptions.DEFAULT);

    List<String> pruned =
        again.objects().stream()
            .filter(o -> o.outcome() == ObjectOutcome.PRUNED)
            .map(o -> o.ref().toString())
            .toList();
    // reverse apply order: wave 2 Deployment, then the ConfigMap, the Namespace last
    assertEquals(
        List.of(
            "Deployment/traefik/traefik", "ConfigMap/traefik/traefik-config", "Namespace/traefik"),
        pruned);
    assertNull(live("apps/v1", "Deployment", "traefik", "traefik"));
    assertNull(live("v1", "ConfigMap", "traefik", "traefik-config"));
    assertNotNull(live("v1", "ConfigMap", "metallb-system", "created-by-hand"));
    assertTrue(
        cluster.dispatcher().writes().stream()
            .filter(r -> r.method().equals("DELETE"))
            .allMatch(r -> r.path().contains("traefik")),
        () -> cluster.dispatcher().writes().toString());
  }

  @Test
  @DisplayName("prune=false keeps objects that are no longer desired")
  void pruneFalseKeepsObjects() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    apply(desired, SsaOptions.DEFAULT);
    cluster.dispatcher().clearRequests();

    ApplyResult again =
        apply(withoutComponent(desired, "traefik"), new SsaOptions(false, false, 4));

    assertEquals(0, again.counts().get(ObjectOutcome.PRUNED));
    assertTrue(cluster.dispatcher().writes().stream().noneMatch(r -> r.method().equals("DELETE")));
    assertNotNull(live("apps/v1", "Deployment", "traefik", "traefik"));
  }

  @Test
  @DisplayName("429 and 503 answers are retried and the apply succeeds")
  void transientFailuresAreRetried() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    String deployment = "/apis/apps/v1/namespaces/traefik/deployments/traefik";
    cluster
        .dispatcher()
        .failNext(2, 429, r -> r.method().equals("GET") && r.resourcePath().equals(deployment));
    cluster
        .dispatcher()
        .failNext(1, 503, r -> r.method().equals("PATCH") && r.resourcePath().equals(deployment));

    ApplyResult result = apply(desired, SsaOptions.DEFAULT);

    assertEquals(desired.size(), result.counts().get(ObjectOutcome.CREATED));
    Predicate<ApplyPatchDispatcher.Request> onDeployment = r -> r.resourcePath().equals(deployment);
    assertEquals(
        List.of("GET", "GET", "GET", "PATCH", "PATCH"),
        cluster.dispatcher().requests().stream()
            .filter(onDeployment)
            .map(r -> r.method())
            .toList());
    assertNotNull(live("apps/v1", "Deployment", "traefik", "traefik"));
  }

  @Test
  @DisplayName("an API server that keeps failing ends the run at the deadline with a clear error")
  void persistentFailureEndsAtDeadline() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    cluster.dispatcher().failNext(10_000, 503, r -> true);

    OperationFailedException error =
        assertThrows(
            OperationFailedException.class,
            () -> applier(Duration.ofMillis(300)).apply("network", desired, SsaOptions.DEFAULT));

    assertTrue(error.getMessage().contains("HTTP 503"), error.getMessage());
    assertTrue(error.getMessage().contains("still failing after"), error.getMessage());
  }

  @Test
  @DisplayName("a field-ownership conflict fails with a hint; --force-conflicts sends force=true")
  void conflictNeedsForce() {
    List<GenericKubernetesResource> desired =
        List.of(find(Fixtures.load("network-desired.yaml"), "Namespace", "traefik"));
    cluster
        .dispatcher()
        .failNext(1, 409, r -> r.method().equals("PATCH") && r.resourcePath().endsWith("/traefik"));

    OperationFailedException error =
        assertThrows(OperationFailedException.class, () -> apply(desired, SsaOptions.DEFAULT));
    assertTrue(error.hint().contains("--force-conflicts"), error.hint());

    apply(desired, new SsaOptions(true, true, 1));
    assertTrue(
        cluster.dispatcher().writes().stream()
            .filter(r -> r.resourcePath().endsWith("/traefik"))
            .reduce((a, b) -> b)
            .orElseThrow()
            .path()
            .contains("force=true"));
  }

  @Test
  @DisplayName("a dry run reports the same actions and writes nothing")
  void dryRunWritesNothing() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    guard = new MutationGuard(true);

    ApplyResult result = apply(desired, SsaOptions.DEFAULT);

    assertEquals(desired.size(), result.counts().get(ObjectOutcome.CREATED));
    assertEquals(List.of(), cluster.dispatcher().writes());
    assertTrue(
        guard.changes().stream()
            .anyMatch(c -> c.target().equals("kube/Deployment/traefik/traefik")));
  }

  @Test
  @DisplayName("an ApplySet parent written by another tool is never taken over")
  void foreignApplySetIsRefused() {
    cluster
        .client()
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(KubeNames.SYSTEM_NAMESPACE)
                .endMetadata()
                .build())
        .create();
    cluster
        .client()
        .configMaps()
        .inNamespace(KubeNames.SYSTEM_NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("applyset-network")
                .withNamespace(KubeNames.SYSTEM_NAMESPACE)
                .addToLabels(KubeNames.APPLYSET_ID_LABEL, ApplySet.forStack("network").id())
                .addToAnnotations(KubeNames.APPLYSET_TOOLING_ANNOTATION, "kubectl/v1.32")
                .endMetadata()
                .build())
        .create();
    cluster.dispatcher().clearRequests();

    OperationFailedException error =
        assertThrows(
            OperationFailedException.class,
            () -> apply(Fixtures.load("network-desired.yaml"), SsaOptions.DEFAULT));

    assertTrue(error.getMessage().contains("not cfctl's ApplySet parent"), error.getMessage());
    assertEquals(List.of(), cluster.dispatcher().writes());
  }

  @Test
  @DisplayName(
      "a field removed from the manifest re-applies the object (hash), so SSA can release it")
  void removedFieldReapplies() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    GenericKubernetesResource configMap = find(desired, "ConfigMap", "traefik-config");
    configMap.getMetadata().getLabels().put("tier", "edge");
    apply(desired, SsaOptions.DEFAULT);
    cluster.dispatcher().clearRequests();
    configMap.getMetadata().getLabels().remove("tier");

    ApplyResult again = apply(desired, SsaOptions.DEFAULT);

    assertEquals(
        List.of("PATCH /api/v1/namespaces/traefik/configmaps/traefik-config"), writePaths());
    assertEquals(1, again.counts().get(ObjectOutcome.CONFIGURED));
  }

  @Test
  @DisplayName("a stack removed from the config is pruned whole, its ApplySet parent too")
  void removedStackIsPruned() {
    apply(Fixtures.load("network-desired.yaml"), SsaOptions.DEFAULT);
    KubeCalls calls = new KubeCalls(cluster.url(), FAST_RETRY, Deadline.in(Duration.ofSeconds(30)));
    Pruner pruner = new Pruner(cluster.client(), guard, calls);
    assertEquals(List.of("network"), pruner.appliedStacks());

    List<ObjectResult> pruned = pruner.pruneStack("network");

    assertEquals(Fixtures.load("network-desired.yaml").size(), pruned.size());
    // custom resource before its CRD, Namespaces last
    List<String> order = pruned.stream().map(o -> o.ref().toString()).toList();
    assertTrue(
        order.indexOf("IPAddressPool/metallb-system/default")
            < order.indexOf("CustomResourceDefinition/ipaddresspools.metallb.io"),
        order::toString);
    assertEquals(
        List.of("Namespace/traefik", "Namespace/metallb-system"),
        order.subList(order.size() - 2, order.size()));
    assertNull(live("apps/v1", "Deployment", "metallb-system", "controller"));
    assertNull(live("v1", "ConfigMap", KubeNames.SYSTEM_NAMESPACE, "applyset-network"));
    assertEquals(List.of(), pruner.appliedStacks());
  }

  @Test
  @DisplayName(
      "a malformed wave or an object of another stack is invalid input; nothing is written")
  void invalidInputWritesNothing() {
    List<GenericKubernetesResource> badWave = Fixtures.load("network-desired.yaml");
    find(badWave, "Deployment", "traefik")
        .getMetadata()
        .getAnnotations()
        .put(KubeNames.SYNC_WAVE_ANNOTATION, "early");
    InvalidInputException wave =
        assertThrows(InvalidInputException.class, () -> apply(badWave, SsaOptions.DEFAULT));
    assertTrue(wave.getMessage().contains("Deployment/traefik/traefik"), wave.getMessage());

    InvalidInputException foreign =
        assertThrows(
            InvalidInputException.class,
            () ->
                applier(Duration.ofSeconds(5))
                    .apply("gitops", Fixtures.load("network-desired.yaml"), SsaOptions.DEFAULT));
    assertTrue(foreign.getMessage().contains("(stack network)"), foreign.getMessage());
    assertEquals(List.of(), cluster.dispatcher().writes());
  }

  static GenericKubernetesResource find(
      List<GenericKubernetesResource> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static List<GenericKubernetesResource> withoutComponent(
      List<GenericKubernetesResource> objects, String component) {
    List<GenericKubernetesResource> kept = new ArrayList<>();
    for (GenericKubernetesResource o : objects) {
      if (!component.equals(o.getMetadata().getLabels().get(KubeNames.COMPONENT_LABEL))) {
        kept.add(o);
      }
    }
    return kept;
  }
}
