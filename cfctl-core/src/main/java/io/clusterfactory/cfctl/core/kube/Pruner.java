package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Deletes members of a stack's ApplySet that are no longer desired. Candidates are listed with the
 * label selector {@code applyset.kubernetes.io/part-of=<id>} over the kinds the parent records, so
 * an object without that label is never even seen, let alone deleted. Deletion runs in reverse
 * apply order: custom resources before CRDs, Namespaces last (deleting a Namespace deletes
 * everything in it; cfctl only deletes Namespaces it created itself).
 */
public final class Pruner {
  private final ResourceResolver resolver;
  private final MutationGuard guard;
  private final KubeCalls calls;

  public Pruner(KubernetesClient client, MutationGuard guard, KubeCalls calls) {
    this(new ResourceResolver(client, calls), guard, calls);
  }

  Pruner(ResourceResolver resolver, MutationGuard guard, KubeCalls calls) {
    this.resolver = resolver;
    this.guard = guard;
    this.calls = calls;
  }

  /**
   * Prunes every member of {@code applySet} not in {@code keep}. Also used with an empty {@code
   * keep} for a stack removed from the cluster config (see {@link #appliedStacks()}); the parent is
   * left in place, with its kinds, for the caller to remove.
   *
   * @param apiKinds member kinds to look at (group-kind to apiVersion), from the parent
   */
  public List<ObjectResult> prune(
      ApplySet applySet, SortedMap<String, String> apiKinds, Collection<ObjectRef> keep) {
    List<DesiredObject> ordered =
        candidates(applySet, apiKinds, keep).stream()
            .map(DesiredObject::ofLive)
            .sorted(ApplyOrder.COMPARATOR.reversed())
            .toList();
    List<ObjectResult> results = new ArrayList<>();
    for (DesiredObject d : ordered) {
      ObjectRef ref = d.ref();
      guard.mutate(
          "kube/" + ref,
          "prune (no longer desired in stack " + applySet.stack() + ")",
          () -> delete(ref));
      results.add(new ObjectResult(ref, d.stack(), d.component(), ObjectOutcome.PRUNED));
    }
    return results;
  }

  /**
   * Members of {@code applySet} (objects carrying its {@code part-of} label) of the given kinds
   * that are not in {@code keep}: what {@link #prune} deletes.
   */
  public List<GenericKubernetesResource> candidates(
      ApplySet applySet, SortedMap<String, String> apiKinds, Collection<ObjectRef> keep) {
    Set<String> kept = keep.stream().map(ObjectRef::identity).collect(Collectors.toSet());
    List<GenericKubernetesResource> candidates = new ArrayList<>();
    for (Map.Entry<String, String> kind : apiKinds.entrySet()) {
      String apiVersion = kind.getValue();
      String kindName = kind.getKey().split("\\.", 2)[0];
      Optional<ResourceDefinitionContext> context = resolver.find(apiVersion, kindName);
      if (context.isEmpty()) {
        continue; // the kind is gone (its CRD was deleted), so are its objects
      }
      GenericKubernetesResourceList list =
          calls.call(
              "listing " + kind.getKey() + " of ApplySet " + applySet.parentName(),
              () ->
                  resolver
                      .client()
                      .genericKubernetesResources(context.get())
                      .inAnyNamespace()
                      .withLabel(KubeNames.APPLYSET_PART_OF_LABEL, applySet.id())
                      .list());
      for (GenericKubernetesResource item : list.getItems()) {
        if (item.getApiVersion() == null) {
          item.setApiVersion(apiVersion);
        }
        if (item.getKind() == null) {
          item.setKind(kindName);
        }
        // the label selector already did this; checked again because deleting is irreversible
        Map<String, String> labels = item.getMetadata().getLabels();
        boolean member =
            labels != null && applySet.id().equals(labels.get(KubeNames.APPLYSET_PART_OF_LABEL));
        if (member && !kept.contains(ObjectRef.of(item).identity())) {
          candidates.add(item);
        }
      }
    }
    return candidates;
  }

  /** Member kinds the live parent of {@code applySet} records; empty when it does not exist. */
  public SortedMap<String, String> recordedKinds(ApplySet applySet) {
    GenericKubernetesResource parent = resolver.get(applySet.parentRef());
    return parent == null
        ? new java.util.TreeMap<>()
        : ApplySet.apiKinds(parent.getMetadata().getAnnotations());
  }

  /**
   * Prunes every object of a stack that is no longer in the cluster config, then its ApplySet
   * parent. No-op for a stack never applied.
   */
  public List<ObjectResult> pruneStack(String stack) {
    ApplySet applySet = ApplySet.forStack(stack);
    SortedMap<String, String> kinds = recordedKinds(applySet);
    if (kinds.isEmpty() && resolver.get(applySet.parentRef()) == null) {
      return List.of();
    }
    List<ObjectResult> results = prune(applySet, kinds, List.of());
    guard.mutate(
        "kube/" + applySet.parentRef(),
        "delete ApplySet parent of removed stack " + stack,
        () -> delete(applySet.parentRef()));
    return results;
  }

  /** Stacks that have an ApplySet parent in the cluster, i.e. that cfctl applied before. */
  public List<String> appliedStacks() {
    var parents =
        calls.call(
            "listing cfctl ApplySets",
            () ->
                resolver
                    .client()
                    .configMaps()
                    .inNamespace(KubeNames.SYSTEM_NAMESPACE)
                    .withLabel(KubeNames.APPLYSET_ID_LABEL)
                    .list());
    return parents.getItems().stream()
        .map(cm -> cm.getMetadata().getLabels().getOrDefault(KubeNames.STACK_LABEL, ""))
        .filter(stack -> !stack.isEmpty())
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  private Object delete(ObjectRef ref) {
    var resource = resolver.resource(ref);
    if (resource.isEmpty()) {
      return null;
    }
    return calls.call(
        "pruning " + ref,
        () -> {
          try {
            return resource.get().delete();
          } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
              return List.of();
            }
            throw e;
          }
        });
  }
}
