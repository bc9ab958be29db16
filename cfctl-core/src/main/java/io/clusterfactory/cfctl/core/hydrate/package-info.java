/**
 * Helm hydration: the objects each Helm-sourced Application of the rendered tree becomes, rendered
 * in-process the way Argo CD renders them (docs/helm.md).
 */
package io.clusterfactory.cfctl.core.hydrate;
