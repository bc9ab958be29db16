package io.clusterfactory.cfctl.core.kube;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the REST resource (plural, scope) of a kind: built-in kinds from fabric8's model, anything
 * else through API discovery. A miss is not cached, so a kind served by a CRD applied a moment ago
 * is found on the next try.
 */
public final class ResourceResolver {
  private final KubernetesClient client;
  private final KubeCalls calls;
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
    Class<? extends KubernetesResource> type =
        DesiredObject.SERIALIZATION.getRegisteredKubernetesResource(apiVersion, kind);
    ResourceDefinitionContext context;
    if (type != null && type != GenericKubernetesResource.class) {
      context = ResourceDefinitionContext.fromResourceType(type);
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
              return context.isNamespaceScoped() && ref.namespace() != null
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
                  context.isNamespaceScoped() && ref.namespace() != null
                      ? op.inNamespace(ref.namespace()).resource(body)
                      : op.resource(body);
              var apply = resource.fieldManager(KubeNames.FIELD_MANAGER);
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

  private static boolean isCustomKind(ObjectRef ref) {
    Class<? extends KubernetesResource> type =
        DesiredObject.SERIALIZATION.getRegisteredKubernetesResource(ref.apiVersion(), ref.kind());
    return type == null || type == GenericKubernetesResource.class;
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
