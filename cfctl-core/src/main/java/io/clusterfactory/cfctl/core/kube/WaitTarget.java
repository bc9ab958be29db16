package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** One object to wait for, with the stack and component the progress display groups it under. */
public record WaitTarget(ObjectRef ref, String stack, String component) {
  /** Targets for rendered objects, stack and component read from their cfctl labels. */
  public static List<WaitTarget> of(List<? extends HasMetadata> objects) {
    return DesiredObject.allOf(objects).stream()
        .map(d -> new WaitTarget(d.ref(), d.stack(), d.component()))
        .toList();
  }
}
