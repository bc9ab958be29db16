package io.clusterfactory.cfctl.core.render;

/** Who puts a rendered object on the cluster. */
public enum Delivery {
  /**
   * cfctl applies it itself before ArgoCD exists (ArgoCD's Namespace; its chart comes hydrated).
   */
  BOOTSTRAP,
  /**
   * cfctl applies it in sync-wave order and waits for it (AppProjects, Namespaces, Applications);
   * the root Application keeps it in sync afterwards.
   */
  APP,
  /** ArgoCD syncs it from the tree through the component's Application. */
  SYNCED
}
