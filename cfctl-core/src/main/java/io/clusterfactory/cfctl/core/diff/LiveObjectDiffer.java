package io.clusterfactory.cfctl.core.diff;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * Compares a live object with what applying would make of it, normalised and with secrets masked.
 * Used by the live comparison (pass the SSA dry-run result as {@code desired} when the server could
 * validate it, else the rendered object) and by tests.
 */
public final class LiveObjectDiffer {
  private LiveObjectDiffer() {}

  /**
   * @param ref the object
   * @param component stack/Application it belongs to (for grouping), may be empty
   * @param live the live object, null when it does not exist (create)
   * @param desired the object after apply, null when it will be deleted (prune)
   * @param note remark shown with the object, may be null
   */
  public static ObjectDiff compare(
      ObjectRef ref, String component, Map<String, ?> live, Map<String, ?> desired, String note) {
    return compareMasked(ref, component, live, desired, note, "live/", "desired/").diff();
  }

  /** A comparison and the two sides it compared, normalised and masked (null when absent). */
  record Compared(ObjectDiff diff, Map<String, Object> before, Map<String, Object> after) {}

  static Compared compareMasked(
      ObjectRef ref,
      String component,
      Map<String, ?> live,
      Map<String, ?> desired,
      String note,
      String beforePrefix,
      String afterPrefix) {
    if (live == null && desired == null) {
      throw new IllegalArgumentException(ref.displayName() + ": both sides are absent");
    }
    Map<String, Object> before = live == null ? null : LiveObjectNormalizer.strip(live);
    Map<String, Object> after = desired == null ? null : LiveObjectNormalizer.strip(desired);
    if (before != null && after != null) {
      LiveObjectNormalizer.dropServerDefaults(before, after);
    }
    SecretMasking.Masked masked = SecretMasking.mask(ref, before, after);
    String beforeText = CanonicalYaml.DIFF.writeOne(masked.before());
    String afterText = CanonicalYaml.DIFF.writeOne(masked.after());
    ChangeKind change;
    if (live == null) {
      change = ChangeKind.CREATE;
    } else if (desired == null) {
      change = ChangeKind.DELETE;
    } else {
      change = beforeText.equals(afterText) ? ChangeKind.UNCHANGED : ChangeKind.UPDATE;
    }
    String name = fileName(ref);
    String diff =
        change == ChangeKind.UNCHANGED
            ? ""
            : UnifiedDiffs.of(beforePrefix + name, afterPrefix + name, beforeText, afterText);
    return new Compared(
        new ObjectDiff(ref, component, change, diff, masked.keys(), note),
        masked.before(),
        masked.after());
  }

  /**
   * Same for fabric8 objects (typed or {@code GenericKubernetesResource}); the ref is taken from
   * whichever side exists.
   */
  public static ObjectDiff compare(
      String component, HasMetadata live, HasMetadata desired, String note) {
    HasMetadata any = desired != null ? desired : live;
    if (any == null) {
      throw new IllegalArgumentException("both sides are absent");
    }
    return compare(
        ObjectRef.of(any),
        component,
        live == null ? null : CanonicalYaml.toMap(live),
        desired == null ? null : CanonicalYaml.toMap(desired),
        note);
  }

  /** kubectl's per-object file name: {@code apps.v1.Deployment.traefik.traefik}. */
  static String fileName(ObjectRef ref) {
    StringBuilder sb = new StringBuilder();
    if (!ref.group().isEmpty()) {
      sb.append(ref.group()).append('.');
    }
    sb.append(ref.version()).append('.').append(ref.kind()).append('.');
    if (!ref.namespace().isEmpty()) {
      sb.append(ref.namespace()).append('.');
    }
    return sb.append(ref.name()).toString();
  }
}
