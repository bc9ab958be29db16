package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.diff.ChangeKind;
import io.clusterfactory.cfctl.core.diff.LiveObjectDiffer;
import io.clusterfactory.cfctl.core.diff.LiveSection;
import io.clusterfactory.cfctl.core.diff.ObjectDiff;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The live-objects part of {@code cfctl diff}: each desired object against the cluster, read-only
 * (GET and LIST only). The action agrees with what {@link StackApplier} would do; the unified diff
 * compares the object cfctl would apply with the live one cut down to the fields cfctl sets, so
 * server defaults, status and other managers' fields never show. Objects (or namespaces, or kinds
 * of a CRD) that do not exist yet are creations. With prune on, ApplySet members no longer desired
 * are deletions. Secret and SealedSecret values are masked by {@link LiveObjectDiffer}.
 */
public final class LiveDiff {
  private static final int PARALLEL_READS = 8;

  private final KubernetesClient client;
  private final ResourceResolver resolver;
  private final Pruner pruner;
  private final Map<String, Boolean> namespaceExists =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param guard the run's guard; the pruner is only asked for candidates, never to delete, so
   *     nothing passes it
   */
  public LiveDiff(KubernetesClient client, MutationGuard guard, KubeCalls calls) {
    this.client = client;
    this.resolver = new ResourceResolver(client, calls);
    this.pruner = new Pruner(resolver, guard, calls);
  }

  /**
   * Compares all rendered objects, grouped into stacks by their {@link KubeNames#STACK_LABEL}.
   *
   * @param prune also report ApplySet members that apply would prune
   */
  public LiveSection compare(List<? extends HasMetadata> objects, boolean prune) {
    Map<String, List<DesiredObject>> byStack = new LinkedHashMap<>();
    DesiredObject.allOf(objects)
        .forEach(d -> byStack.computeIfAbsent(d.stack(), s -> new ArrayList<>()).add(d));
    List<ObjectDiff> diffs = new ArrayList<>();
    byStack.forEach((stack, desired) -> diffs.addAll(compareStack(stack, desired, prune)));
    return new LiveSection(client.getConfiguration().getMasterUrl(), diffs);
  }

  /**
   * Every object as one to create, without reading anything: the diff of a cluster that does not
   * exist yet (hosts reachable, no controller runs k0s).
   */
  public static List<ObjectDiff> allCreated(List<? extends HasMetadata> objects) {
    List<ObjectDiff> out = new ArrayList<>();
    for (DesiredObject d : DesiredObject.allOf(objects)) {
      GenericKubernetesResource body = StackApplier.applyBody(d, ApplySet.forStack(d.stack()));
      out.add(
          LiveObjectDiffer.compare(
              d.ref(),
              componentOf(d.stack(), d.component()),
              null,
              Manifests.normalise(Manifests.toMap(body)),
              "cluster not created yet: every object would be created"));
    }
    return out;
  }

  private List<ObjectDiff> compareStack(String stack, List<DesiredObject> desired, boolean prune) {
    ApplySet applySet = ApplySet.forStack(stack);
    List<ObjectDiff> diffs = new ArrayList<>(readAll(desired, applySet));
    if (prune) {
      SortedMap<String, String> kinds = new TreeMap<>(pruner.recordedKinds(applySet));
      for (GenericKubernetesResource gone :
          pruner.candidates(applySet, kinds, desired.stream().map(DesiredObject::ref).toList())) {
        DesiredObject member = DesiredObject.ofLive(gone);
        diffs.add(
            LiveObjectDiffer.compare(
                member.ref(),
                componentOf(stack, member.component()),
                Manifests.normalise(Manifests.toMap(gone)),
                null,
                "no longer desired: apply prunes it"));
      }
    }
    return diffs;
  }

  private List<ObjectDiff> readAll(List<DesiredObject> desired, ApplySet applySet) {
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_READS, daemon());
    try {
      Map<String, GenericKubernetesResource> live =
          resolver.getAll(desired.stream().map(DesiredObject::ref).toList());
      List<Future<ObjectDiff>> futures = new ArrayList<>();
      desired.forEach(
          d ->
              futures.add(
                  pool.submit(() -> compareOne(d, live.get(d.ref().identity()), applySet))));
      List<ObjectDiff> diffs = new ArrayList<>(futures.size());
      for (Future<ObjectDiff> future : futures) {
        diffs.add(future.get());
      }
      return diffs;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CfctlException c) {
        throw c;
      }
      throw new InternalException("comparing live objects: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InternalException("comparing live objects: interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private ObjectDiff compareOne(
      DesiredObject d, GenericKubernetesResource live, ApplySet applySet) {
    GenericKubernetesResource body = StackApplier.applyBody(d, applySet);
    Map<String, Object> desired = Manifests.normalise(Manifests.toMap(body));
    String component = componentOf(d.stack(), d.component());
    ObjectRef ref = d.ref();
    if (live == null) {
      return LiveObjectDiffer.compare(ref, component, null, desired, creationNote(ref));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> liveView =
        (Map<String, Object>)
            Manifests.project(Manifests.normalise(Manifests.toMap(live)), desired);
    ObjectDiff diff = LiveObjectDiffer.compare(ref, component, liveView, desired, null);
    if (diff.change() == ChangeKind.UNCHANGED && !StackApplier.upToDate(live, body)) {
      // every value matches, but cfctl did not apply this manifest (hash differs): apply writes it
      // to take ownership or release fields it set before and no longer desires
      return new ObjectDiff(
          diff.ref(),
          component,
          ChangeKind.UPDATE,
          "",
          diff.secretKeys(),
          "values already match; apply re-applies it to take ownership of its fields or release"
              + " fields removed from the manifest");
    }
    return diff;
  }

  private String creationNote(ObjectRef ref) {
    if (resolver.find(ref.apiVersion(), ref.kind()).isEmpty()) {
      return "kind " + ref.groupKind() + " is not served yet (its CRD is created by this apply)";
    }
    if (ref.namespaced()
        && !namespaceExists.computeIfAbsent(
            ref.namespace(),
            ns -> resolver.get(ObjectRef.of("v1", "Namespace", null, ns)) != null)) {
      return "namespace " + ref.namespace() + " does not exist yet";
    }
    return null;
  }

  private static String componentOf(String stack, String component) {
    if (stack.isEmpty()) {
      return component;
    }
    return component.isEmpty() ? stack : stack + "/" + component;
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread thread = new Thread(r, "cfctl-live-diff");
      thread.setDaemon(true);
      return thread;
    };
  }
}
