package io.clusterfactory.cfctl.core.config.v1beta1;

import java.util.List;

/** A component block that takes the site's patches over the objects cfctl renders for it. */
public interface Customizable {
  /** The schema's description of {@code patches}, the same on every component. */
  String PATCHES_DOC =
      "Patches over the objects cfctl renders for this component (strategic, merge or json)";

  /** The site's patches, in order; empty when none (after defaults). */
  List<Patch> patches();
}
