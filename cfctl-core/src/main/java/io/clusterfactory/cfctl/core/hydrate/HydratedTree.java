package io.clusterfactory.cfctl.core.hydrate;

import java.util.List;
import java.util.Optional;

/**
 * What Helm rendered for every Application of a tree with a Helm source, by Application name, and
 * the Applications it could not render.
 */
public record HydratedTree(List<HydratedApplication> applications, List<Unhydrated> missing) {

  /** A tree with nothing hydrated (hydration not asked for, or no chart in the tree). */
  public static final HydratedTree NONE = new HydratedTree(List.of(), List.of());

  public HydratedTree {
    applications = List.copyOf(applications);
    missing = List.copyOf(missing);
  }

  public Optional<HydratedApplication> application(String name) {
    return applications.stream().filter(a -> a.application().equals(name)).findFirst();
  }

  public boolean complete() {
    return missing.isEmpty();
  }
}
