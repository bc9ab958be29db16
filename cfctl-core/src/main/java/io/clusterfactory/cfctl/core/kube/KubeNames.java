package io.clusterfactory.cfctl.core.kube;

/** Label, annotation and manager names cfctl reads or writes on cluster objects. */
public final class KubeNames {
  /** The server-side apply field manager of every write cfctl makes. */
  public static final String FIELD_MANAGER = "cfctl";

  public static final String STACK_LABEL = "cfctl.clusterfactory.io/stack";
  public static final String COMPONENT_LABEL = "cfctl.clusterfactory.io/component";

  /** Argo CD's wave annotation, reused so the same manifests order the same under Argo CD. */
  public static final String SYNC_WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";

  /** Hash of the desired object cfctl last applied; see docs/kube-apply.md "Unchanged objects". */
  public static final String APPLIED_HASH_ANNOTATION = "cfctl.clusterfactory.io/applied-hash";

  public static final String APPLYSET_PART_OF_LABEL = "applyset.kubernetes.io/part-of";
  public static final String APPLYSET_ID_LABEL = "applyset.kubernetes.io/id";
  public static final String APPLYSET_TOOLING_ANNOTATION = "applyset.kubernetes.io/tooling";
  public static final String APPLYSET_GROUP_KINDS_ANNOTATION =
      "applyset.kubernetes.io/contains-group-kinds";

  /**
   * cfctl's own parent annotation: the apiVersion of every member kind, so pruning can list members
   * without API discovery (contains-group-kinds carries no version).
   */
  public static final String APPLYSET_API_KINDS_ANNOTATION =
      "cfctl.clusterfactory.io/applyset-api-kinds";

  /** Namespace holding cfctl's ApplySet parents. */
  public static final String SYSTEM_NAMESPACE = "cfctl-system";

  public static final String TOOLING = "cfctl/v0.1";

  private KubeNames() {}
}
