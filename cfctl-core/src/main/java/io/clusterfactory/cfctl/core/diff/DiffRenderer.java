package io.clusterfactory.cfctl.core.diff;

/** Renders a {@link DiffReport} for stdout; pure and deterministic. */
@FunctionalInterface
public interface DiffRenderer {
  String render(DiffReport report);
}
