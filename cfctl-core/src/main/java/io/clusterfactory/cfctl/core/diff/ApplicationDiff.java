package io.clusterfactory.cfctl.core.diff;

import java.util.List;
import java.util.Objects;

/**
 * The objects of one chart-sourced Application compared: created, changed, deleted, unchanged.
 *
 * @param application the Application's name, e.g. {@code network-traefik}
 * @param namespace its destination namespace
 * @param chartBefore the chart compared against ({@code repository chart version}); {@code ""}
 *     against the cluster or when the Application is new
 * @param chartAfter the chart that would be applied; {@code ""} when the Application is removed
 * @param objects every object on either side, sorted
 */
public record ApplicationDiff(
    String application,
    String namespace,
    String chartBefore,
    String chartAfter,
    List<HydratedObjectDiff> objects)
    implements Comparable<ApplicationDiff> {
  public ApplicationDiff {
    Objects.requireNonNull(application, "application");
    namespace = namespace == null ? "" : namespace;
    chartBefore = chartBefore == null ? "" : chartBefore;
    chartAfter = chartAfter == null ? "" : chartAfter;
    objects = objects == null ? List.of() : List.copyOf(objects.stream().sorted().toList());
  }

  public Summary summary() {
    return Summary.count(objects, HydratedObjectDiff::change);
  }

  @Override
  public int compareTo(ApplicationDiff o) {
    return application.compareTo(o.application);
  }
}
