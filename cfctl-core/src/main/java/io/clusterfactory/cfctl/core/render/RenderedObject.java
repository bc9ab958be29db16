package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Kubernetes object of the rendered tree, with what the applier needs to order it.
 *
 * @param path file of the tree holding it
 * @param stack network | gitops | provisioning | software
 * @param component the component, e.g. metallb
 * @param wave ArgoCD sync wave (the component's wave for synced objects)
 * @param delivery who applies it
 * @param body the object; callers must not modify it
 */
public record RenderedObject(
    String path,
    String stack,
    String component,
    int wave,
    Delivery delivery,
    String apiVersion,
    String kind,
    String namespace,
    String name,
    ObjectNode body) {}
