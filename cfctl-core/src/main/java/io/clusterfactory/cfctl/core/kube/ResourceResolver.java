package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Finds the REST resource (plural, scope) of a kind: common built-in kinds from {@link
 * BuiltinKinds}, anything else through API discovery. A miss is not cached, so a kind served by a
 * CRD applied a moment ago is found on the next try.
 */
public final class ResourceResolver {
  private final KubernetesClient client;
  private final KubeCalls calls;

  /** From this many objects of one kind in one namespace on, one LIST beats a GET each. */
  static final int LIST_THRESHOLD = 4;

  private final Map<String, ResourceDefinitionContext> cache = new ConcurrentHashMap<>();

  public ResourceResolver(KubernetesClient client, KubeCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  KubernetesClient client() {
    return client;
  }

  /**
   * The resource for {@code apiVersion}/{@code kind}, or empty when the server does not serve it.
   */
  public Optional<ResourceDefinitionContext> find(String apiVersion, String kind) {
    String key = apiVersion + "/" + kind;
    ResourceDefinitionContext known = cache.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<ResourceDefinitionContext> builtin = BuiltinKinds.find(apiVersion, kind);
    ResourceDefinitionContext context;
    if (builtin.isPresent()) {
      context = builtin.get();
    } else {
      APIResourceList list =
          calls.call(
              "discovering " + apiVersion,
              () -> {
                try {
                  return client.getApiResources(apiVersion);
                } catch (KubernetesClientException e) {
                  if (e.getCode() == 404) {
                    return null;
                  }
                  throw e;
                }
              });
      if (list == null || list.getResources() == null) {
        return Optional.empty();
      }
      Optional<APIResource> match =
          list.getResources().stream()
              .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
              .findFirst();
      if (match.isEmpty()) {
        return Optional.empty();
      }
      context = ResourceDefinitionContext.fromApiResource(apiVersion, match.get());
    }
    cache.put(key, context);
    return Optional.of(context);
  }

  /** The operation for one object's resource, or empty if its kind is not served (yet). */
  public Optional<
          MixedOperation<
              GenericKubernetesResource,
              GenericKubernetesResourceList,
              Resource<GenericKubernetesResource>>>
      operation(ObjectRef ref) {
    return find(ref.apiVersion(), ref.kind()).map(client::genericKubernetesResources);
  }

  /** The handle of one object; empty if its kind is not served (yet). */
  public Optional<Resource<GenericKubernetesResource>> resource(ObjectRef ref) {
    return find(ref.apiVersion(), ref.kind())
        .map(
            context -> {
              var op = client.genericKubernetesResources(context);
              return context.isNamespaceScoped() && ref.namespaced()
                  ? op.inNamespace(ref.namespace()).withName(ref.name())
                  : op.withName(ref.name());
            });
  }

  /**
   * Server-side applies {@code body} with field manager {@link KubeNames#FIELD_MANAGER}; empty if
   * the kind is not served (yet).
   */
  public Optional<GenericKubernetesResource> serverSideApply(
      ObjectRef ref, GenericKubernetesResource body, boolean forceConflicts) {
    return find(ref.apiVersion(), ref.kind())
        .map(
            context -> {
              var op = client.genericKubernetesResources(context);
              var resource =
                  context.isNamespaceScoped() && ref.namespaced()
                      ? op.inNamespace(ref.namespace()).resource(body)
                      : op.resource(body);
              // the API server refuses unknown or duplicate fields instead of dropping them
              var apply =
                  resource
                      .fieldValidation(
                          io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT)
                      .fieldManager(KubeNames.FIELD_MANAGER);
              if (forceConflicts) {
                apply = apply.forceConflicts();
              }
              var applied = apply;
              return calls.call(
                  "applying " + ref,
                  () -> {
                    try {
                      return applied.serverSideApply();
                    } catch (KubernetesClientException e) {
                      // a kind whose CRD was just created answers 404 until it is Established
                      if (e.getCode() == 404 && isCustomKind(ref)) {
                        return null;
                      }
                      throw e;
                    }
                  });
            });
  }

  /**
   * Reads many objects: one LIST per kind and namespace when at least {@link #LIST_THRESHOLD}
   * objects share them, a GET for the others. Returns live objects by {@link ObjectRef#identity()};
   * objects that do not exist (or whose namespace or kind does not) are absent.
   */
  public Map<String, GenericKubernetesResource> getAll(List<ObjectRef> refs) {
    Map<String, GenericKubernetesResource> live = new ConcurrentHashMap<>();
    Map<String, List<ObjectRef>> groups = new LinkedHashMap<>();
    refs.forEach(
        r ->
            groups
                .computeIfAbsent(
                    r.apiVersion() + "|" + r.kind() + "|" + r.namespace(), k -> new ArrayList<>())
                .add(r));
    for (List<ObjectRef> group : groups.values()) {
      ObjectRef first = group.get(0);
      Optional<ResourceDefinitionContext> context = find(first.apiVersion(), first.kind());
      if (context.isEmpty()) {
        continue;
      }
      if (group.size() < LIST_THRESHOLD) {
        for (ObjectRef ref : group) {
          GenericKubernetesResource object = get(ref);
          if (object != null) {
            live.put(ref.identity(), object);
          }
        }
        continue;
      }
      var op = client.genericKubernetesResources(context.get());
      var scoped =
          context.get().isNamespaceScoped() && first.namespaced()
              ? op.inNamespace(first.namespace())
              : op;
      Set<String> wanted = group.stream().map(ObjectRef::name).collect(Collectors.toSet());
      List<GenericKubernetesResource> items =
          calls
              .call(
                  "listing " + first.groupKind() + " in " + first.namespace(), () -> scoped.list())
              .getItems();
      for (GenericKubernetesResource item : items) {
        if (wanted.contains(item.getMetadata().getName())) {
          // list items carry no apiVersion/kind on some servers
          item.setApiVersion(first.apiVersion());
          item.setKind(first.kind());
          live.put(ObjectRef.of(item).identity(), item);
        }
      }
    }
    return live;
  }

  private static boolean isCustomKind(ObjectRef ref) {
    return BuiltinKinds.find(ref.apiVersion(), ref.kind()).isEmpty();
  }

  /** Reads an object; null if it, its namespace or its kind does not exist. */
  public GenericKubernetesResource get(ObjectRef ref) {
    Optional<Resource<GenericKubernetesResource>> resource = resource(ref);
    if (resource.isEmpty()) {
      return null;
    }
    return calls.call(
        "reading " + ref,
        () -> {
          try {
            return resource.get().get();
          } catch (KubernetesClientException e) {
            // a CR whose CRD was deleted, or a namespace that is gone, answers 404 on GET
            if (e.getCode() == 404) {
              return null;
            }
            throw e;
          }
        });
  }
}
