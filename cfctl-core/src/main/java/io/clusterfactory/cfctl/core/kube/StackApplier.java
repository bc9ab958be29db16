package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one stack with server-side apply (field manager {@code cfctl}): Namespaces, CRDs, then
 * wave by wave, objects of a wave in parallel. An object whose live state already holds everything
 * cfctl last applied, with the same {@link KubeNames#APPLIED_HASH_ANNOTATION}, is not written at
 * all. Every object gets the stack's ApplySet {@code part-of} label; objects of the ApplySet that
 * are no longer desired are pruned when {@link SsaOptions#prune()} is set. Every write goes through
 * the {@link MutationGuard}, so a dry run reports the same actions and writes nothing.
 */
public final class StackApplier {
  private static final Logger logger = LoggerFactory.getLogger(StackApplier.class);

  private final MutationGuard guard;
  private final KubeCalls calls;
  private final ResourceResolver resolver;
  private final Pruner pruner;

  public StackApplier(KubernetesClient client, MutationGuard guard, KubeCalls calls) {
    this.guard = guard;
    this.calls = calls;
    this.resolver = new ResourceResolver(client, calls);
    this.pruner = new Pruner(resolver, guard, calls);
  }

  /**
   * Applies the desired objects of {@code stack}.
   *
   * @param objects rendered objects; each must carry {@link KubeNames#STACK_LABEL} = {@code stack}
   *     or no stack label
   * @throws InvalidInputException for malformed objects (nothing is written)
   * @throws OperationFailedException when an object cannot be applied or pruned
   */
  public ApplyResult apply(String stack, List<? extends HasMetadata> objects, SsaOptions options) {
    List<DesiredObject> desired = DesiredObject.allOf(objects);
    List<String> foreign =
        desired.stream()
            .filter(d -> !d.stack().isEmpty() && !d.stack().equals(stack))
            .map(d -> d.ref() + " (stack " + d.stack() + ")")
            .toList();
    if (!foreign.isEmpty()) {
      throw new InvalidInputException(
          "objects of another stack passed to stack " + stack + ": " + String.join(", ", foreign));
    }
    ApplySet applySet = ApplySet.forStack(stack);
    ensureSystemNamespace();
    GenericKubernetesResource liveParent = resolver.get(applySet.parentRef());
    checkOwnedByCfctl(applySet, liveParent);
    SortedMap<String, String> previousKinds =
        liveParent == null
            ? new TreeMap<>()
            : ApplySet.apiKinds(liveParent.getMetadata().getAnnotations());
    SortedMap<String, String> desiredKinds = new TreeMap<>();
    desired.forEach(d -> desiredKinds.put(d.ref().groupKind(), d.ref().apiVersion()));
    // the KEP's order: widen the parent's kind list before creating members of new kinds,
    // narrow it only after pruning, so an interrupted run never hides members from a later prune
    SortedMap<String, String> union = new TreeMap<>(previousKinds);
    union.putAll(desiredKinds);
    writeParent(applySet, liveParent, union);

    List<ObjectResult> results = new ArrayList<>();
    Set<String> crdKinds = crdGroupKinds(desired);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            options.concurrency(),
            r -> {
              Thread thread = new Thread(r, "cfctl-apply-" + stack);
              thread.setDaemon(true);
              return thread;
            });
    try {
      for (List<DesiredObject> batch : ApplyOrder.batches(desired)) {
        results.addAll(applyBatch(pool, batch, applySet, options, crdKinds));
      }
    } finally {
      pool.shutdownNow();
    }
    SortedMap<String, String> finalKinds = union;
    if (options.prune()) {
      results.addAll(
          pruner.prune(applySet, union, desired.stream().map(DesiredObject::ref).toList()));
      finalKinds = desiredKinds;
    }
    GenericKubernetesResource parentNow =
        guard.dryRun() ? liveParent : resolver.get(applySet.parentRef());
    writeParent(applySet, parentNow, finalKinds);
    ApplyResult result = new ApplyResult(stack, results);
    logger.info(
        "stack {}: {} created, {} configured, {} unchanged, {} pruned",
        stack,
        result.counts().get(ObjectOutcome.CREATED),
        result.counts().get(ObjectOutcome.CONFIGURED),
        result.counts().get(ObjectOutcome.UNCHANGED),
        result.counts().get(ObjectOutcome.PRUNED));
    return result;
  }

  private List<ObjectResult> applyBatch(
      ExecutorService pool,
      List<DesiredObject> batch,
      ApplySet applySet,
      SsaOptions options,
      Set<String> crdKinds) {
    Map<String, GenericKubernetesResource> live =
        resolver.getAll(batch.stream().map(DesiredObject::ref).toList());
    List<Future<ObjectResult>> futures = new ArrayList<>(batch.size());
    for (DesiredObject d : batch) {
      futures.add(
          pool.submit(
              () -> applyOne(d, live.get(d.ref().identity()), applySet, options, crdKinds)));
    }
    List<ObjectResult> results = new ArrayList<>(batch.size());
    List<String> failures = new ArrayList<>();
    CfctlException first = null;
    boolean allInvalid = true;
    for (Future<ObjectResult> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        CfctlException error =
            e.getCause() instanceof CfctlException c
                ? c
                : new InternalException("applying: " + e.getCause(), e.getCause());
        first = first == null ? error : first;
        allInvalid &= error instanceof InvalidInputException;
        failures.add(error.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OperationFailedException("apply interrupted", e);
      }
    }
    if (failures.size() == 1) {
      throw first;
    }
    if (!failures.isEmpty()) {
      String message =
          "applying stack "
              + applySet.stack()
              + " failed for "
              + failures.size()
              + " objects:\n  - "
              + String.join("\n  - ", failures);
      // objects the API server refused as written are bad input (exit 2), as one would be
      if (allInvalid) {
        throw new InvalidInputException(message, first.hint(), first);
      }
      throw new OperationFailedException(message, first.hint(), first);
    }
    return results;
  }

  private ObjectResult applyOne(
      DesiredObject d,
      GenericKubernetesResource live,
      ApplySet applySet,
      SsaOptions options,
      Set<String> crdKinds) {
    ObjectRef ref = d.ref();
    GenericKubernetesResource body = applyBody(d, applySet);
    if (live != null && upToDate(live, body)) {
      return new ObjectResult(ref, applySet.stack(), d.component(), ObjectOutcome.UNCHANGED);
    }
    ObjectOutcome action = live == null ? ObjectOutcome.CREATED : ObjectOutcome.CONFIGURED;
    guard.mutate(
        "kube/" + ref,
        "server-side apply (" + (live == null ? "create" : "configure") + ")",
        null,
        () -> {
          Optional<GenericKubernetesResource> applied =
              resolver.serverSideApply(ref, body, options.forceConflicts());
          if (applied.isEmpty() && crdKinds.contains(ref.groupKind())) {
            // the CRD was applied in an earlier batch; the API server serves it shortly after
            applied =
                Optional.of(
                    calls.untilPresent(
                        "applying " + ref + " (waiting for its CRD to be served)",
                        () -> resolver.serverSideApply(ref, body, options.forceConflicts())));
          }
          if (applied.isEmpty()) {
            throw new OperationFailedException(
                "applying "
                    + ref
                    + ": the cluster does not serve kind "
                    + ref.kind()
                    + " in "
                    + ref.apiVersion(),
                "install the CRD that defines it, or fix the apiVersion",
                null);
          }
          return applied.get();
        });
    return new ObjectResult(ref, applySet.stack(), d.component(), action);
  }

  /**
   * True when {@code live} was last applied by cfctl from the same desired object (hash) and still
   * holds every desired field (nobody changed a field cfctl owns since).
   */
  static boolean upToDate(GenericKubernetesResource live, GenericKubernetesResource body) {
    String liveHash = annotation(live, KubeNames.APPLIED_HASH_ANNOTATION);
    String desiredHash = annotation(body, KubeNames.APPLIED_HASH_ANNOTATION);
    if (!Objects.equals(liveHash, desiredHash)) {
      return false;
    }
    return Manifests.containsAll(
        Manifests.normalise(Manifests.toMap(live)), Manifests.normalise(Manifests.toMap(body)));
  }

  /** The manifest plus the ApplySet label and content hash, without server-owned metadata. */
  static GenericKubernetesResource applyBody(DesiredObject d, ApplySet applySet) {
    GenericKubernetesResource body = DesiredObject.SERIALIZATION.clone(d.manifest());
    var metadata = body.getMetadata();
    metadata.setManagedFields(null);
    metadata.setResourceVersion(null);
    metadata.setUid(null);
    metadata.setCreationTimestamp(null);
    metadata.setGeneration(null);
    Map<String, String> labels =
        new LinkedHashMap<>(metadata.getLabels() == null ? Map.of() : metadata.getLabels());
    labels.put(KubeNames.APPLYSET_PART_OF_LABEL, applySet.id());
    metadata.setLabels(labels);
    Map<String, String> annotations =
        new LinkedHashMap<>(
            metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations());
    annotations.remove(KubeNames.APPLIED_HASH_ANNOTATION);
    metadata.setAnnotations(annotations);
    String hash = Manifests.contentHash(Manifests.toMap(body));
    annotations.put(KubeNames.APPLIED_HASH_ANNOTATION, hash);
    body.getAdditionalProperties().remove("status");
    return body;
  }

  private void ensureSystemNamespace() {
    ObjectRef ref = ObjectRef.of("v1", "Namespace", null, KubeNames.SYSTEM_NAMESPACE);
    if (resolver.get(ref) != null) {
      return;
    }
    Namespace namespace =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(KubeNames.SYSTEM_NAMESPACE)
            .endMetadata()
            .build();
    GenericKubernetesResource body =
        DesiredObject.SERIALIZATION.convertValue(namespace, GenericKubernetesResource.class);
    // cfctl's own bookkeeping, like its lock: not a change of what the user asked for, so it is
    // neither planned nor compared (diff and the dry run list the same objects)
    guard.housekeeping(
        "kube/" + ref,
        "server-side apply (create cfctl's namespace for ApplySet parents)",
        () -> resolver.serverSideApply(ref, body, false).orElseThrow());
  }

  private void writeParent(
      ApplySet applySet, GenericKubernetesResource live, SortedMap<String, String> kinds) {
    GenericKubernetesResource parent =
        DesiredObject.SERIALIZATION.convertValue(
            applySet.parent(kinds), GenericKubernetesResource.class);
    if (live != null && Manifests.containsAll(Manifests.toMap(live), Manifests.toMap(parent))) {
      return;
    }
    ObjectRef ref = applySet.parentRef();
    // the record of what cfctl applied (bookkeeping, as the namespace above)
    guard.housekeeping(
        "kube/" + ref,
        "server-side apply (ApplySet parent of stack "
            + applySet.stack()
            + ": "
            + String.join(",", kinds.keySet())
            + ")",
        () -> resolver.serverSideApply(ref, parent, false).orElseThrow());
  }

  private static void checkOwnedByCfctl(ApplySet applySet, GenericKubernetesResource live) {
    if (live == null) {
      return;
    }
    String tooling = annotation(live, KubeNames.APPLYSET_TOOLING_ANNOTATION);
    String id =
        live.getMetadata().getLabels() == null
            ? null
            : live.getMetadata().getLabels().get(KubeNames.APPLYSET_ID_LABEL);
    if (tooling == null || !tooling.startsWith("cfctl/") || !applySet.id().equals(id)) {
      throw new OperationFailedException(
          applySet.parentRef()
              + " exists but is not cfctl's ApplySet parent (tooling="
              + tooling
              + ", id="
              + id
              + ")",
          "cfctl never takes over an ApplySet of another tool; delete or rename that ConfigMap",
          null);
    }
  }

  private static Set<String> crdGroupKinds(List<DesiredObject> desired) {
    Map<String, String> kinds = new HashMap<>();
    for (DesiredObject d : desired) {
      if (ApplyOrder.isCrd(d.ref())
          && d.manifest().getAdditionalProperties().get("spec") instanceof Map<?, ?> spec) {
        Object group = spec.get("group");
        Object names = spec.get("names");
        if (group != null && names instanceof Map<?, ?> n && n.get("kind") != null) {
          kinds.put(n.get("kind") + "." + group, d.ref().name());
        }
      }
    }
    return kinds.keySet().stream().collect(Collectors.toUnmodifiableSet());
  }

  static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
