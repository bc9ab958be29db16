package io.clusterfactory.cfctl.core.kube;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-object outcome of applying one stack, in apply order (pruned objects last, in delete order).
 */
public record ApplyResult(String stack, List<ObjectResult> objects) {
  public ApplyResult {
    objects = List.copyOf(objects);
  }

  public Map<ObjectOutcome, Integer> counts() {
    Map<ObjectOutcome, Integer> counts = new EnumMap<>(ObjectOutcome.class);
    for (ObjectOutcome action : ObjectOutcome.values()) {
      counts.put(action, 0);
    }
    objects.forEach(o -> counts.merge(o.outcome(), 1, Integer::sum));
    return counts;
  }

  /** True when nothing was (or would be) written. */
  public boolean unchanged() {
    return objects.stream().allMatch(o -> o.outcome() == ObjectOutcome.UNCHANGED);
  }
}
