package io.clusterfactory.cfctl.core.diff;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import java.util.List;
import java.util.Objects;

/**
 * What applying would do to one live object. Build it with {@link LiveObjectDiffer} (normalises,
 * masks secrets and computes the unified diff) or directly when the diff is already known.
 *
 * @param ref the object
 * @param component the stack/Application it belongs to, used to group output ({@code network},
 *     {@code gitops/argocd}); never null, {@code ""} when unknown
 * @param change create, update, delete or unchanged
 * @param unifiedDiff normalised unified diff of YAML with sorted keys; {@code ""} when unchanged;
 *     secret values already masked
 * @param secretKeys per-key changes for Secret/SealedSecret, empty for other kinds
 * @param note extra information, e.g. "namespace does not exist yet: not validated by the server";
 *     {@code ""} when none
 */
public record ObjectDiff(
    ObjectRef ref,
    String component,
    ChangeKind change,
    String unifiedDiff,
    List<SecretKeyDiff> secretKeys,
    String note)
    implements Comparable<ObjectDiff> {

  public ObjectDiff {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(change, "change");
    component = component == null ? "" : component;
    unifiedDiff = unifiedDiff == null ? "" : unifiedDiff;
    secretKeys =
        secretKeys == null ? List.of() : List.copyOf(secretKeys.stream().sorted().toList());
    note = note == null ? "" : note;
  }

  @Override
  public int compareTo(ObjectDiff o) {
    int c = component.compareTo(o.component);
    return c != 0 ? c : ref.compareTo(o.ref);
  }
}
