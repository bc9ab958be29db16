package io.clusterfactory.cfctl.core.diff;

import java.util.List;
import java.util.Objects;

/**
 * One object a chart renders, compared: the object's diff (normalised, masked, as for live objects)
 * and, for an update, the fields that change.
 *
 * @param object the comparison, its component being the Application
 * @param source the chart template the object comes from ({@code ""} for a deletion)
 * @param fields the changed fields of an update, in path order; empty otherwise
 */
public record HydratedObjectDiff(ObjectDiff object, String source, List<FieldChange> fields)
    implements Comparable<HydratedObjectDiff> {
  public HydratedObjectDiff {
    Objects.requireNonNull(object, "object");
    source = source == null ? "" : source;
    fields = fields == null ? List.of() : List.copyOf(fields.stream().sorted().toList());
  }

  public ChangeKind change() {
    return object.change();
  }

  /** {@code Deployment traefik/traefik}: kind, then namespace/name. */
  public String shortName() {
    var ref = object.ref();
    return ref.kind() + " " + (ref.namespace().isEmpty() ? "" : ref.namespace() + "/") + ref.name();
  }

  @Override
  public int compareTo(HydratedObjectDiff o) {
    return object.compareTo(o.object);
  }
}
