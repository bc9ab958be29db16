package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rendered object as cfctl applies it: a generic copy of the manifest (so the apply intent is
 * exactly the manifest, never fields a typed model would add) plus where it belongs.
 */
public record DesiredObject(
    ObjectRef ref, GenericKubernetesResource manifest, String stack, String component, int wave) {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /**
   * Reads stack and component from the {@link KubeNames#STACK_LABEL}/{@link
   * KubeNames#COMPONENT_LABEL} labels and the wave from {@link KubeNames#SYNC_WAVE_ANNOTATION}.
   *
   * @throws InvalidInputException for a manifest without kind/name or with a non-integer wave
   */
  public static DesiredObject of(HasMetadata object) {
    GenericKubernetesResource copy =
        SERIALIZATION.convertValue(object, GenericKubernetesResource.class);
    if (copy.getKind() == null
        || copy.getApiVersion() == null
        || copy.getMetadata() == null
        || copy.getMetadata().getName() == null) {
      throw new InvalidInputException(
          "rendered object without apiVersion, kind or metadata.name: " + copy,
          "this is a rendering bug; run `cfctl render` and inspect the output");
    }
    Map<String, String> labels = copy.getMetadata().getLabels();
    Map<String, String> annotations = copy.getMetadata().getAnnotations();
    String stack = labels == null ? "" : labels.getOrDefault(KubeNames.STACK_LABEL, "");
    String component = labels == null ? "" : labels.getOrDefault(KubeNames.COMPONENT_LABEL, "");
    String waveText = annotations == null ? null : annotations.get(KubeNames.SYNC_WAVE_ANNOTATION);
    int wave = 0;
    if (waveText != null) {
      try {
        wave = Integer.parseInt(waveText.trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            ObjectRef.of(copy)
                + ": annotation "
                + KubeNames.SYNC_WAVE_ANNOTATION
                + " must be an integer, got '"
                + waveText
                + "'");
      }
    }
    return new DesiredObject(ObjectRef.of(copy), copy, stack, component, wave);
  }

  /**
   * A live object found by prune or diff: like {@link #of} but a malformed wave annotation (which
   * someone may have edited on the cluster) counts as wave 0 instead of failing the run.
   */
  static DesiredObject ofLive(HasMetadata object) {
    try {
      return of(object);
    } catch (InvalidInputException e) {
      DesiredObject lenient = of(withoutWave(object));
      return new DesiredObject(
          lenient.ref(), lenient.manifest(), lenient.stack(), lenient.component(), 0);
    }
  }

  private static GenericKubernetesResource withoutWave(HasMetadata object) {
    GenericKubernetesResource copy =
        SERIALIZATION.convertValue(object, GenericKubernetesResource.class);
    if (copy.getMetadata().getAnnotations() != null) {
      copy.getMetadata().getAnnotations().remove(KubeNames.SYNC_WAVE_ANNOTATION);
    }
    return copy;
  }

  /**
   * Converts a rendered list, rejecting the same object twice (it would be applied twice, the
   * second silently winning).
   */
  public static List<DesiredObject> allOf(List<? extends HasMetadata> objects) {
    List<DesiredObject> result = new ArrayList<>(objects.size());
    Set<String> seen = new HashSet<>();
    for (HasMetadata object : objects) {
      DesiredObject desired = of(object);
      if (!seen.add(desired.ref().identity())) {
        throw new InvalidInputException(
            desired.ref() + " is rendered twice",
            "each object may appear in one stack and component only");
      }
      result.add(desired);
    }
    return result;
  }
}
