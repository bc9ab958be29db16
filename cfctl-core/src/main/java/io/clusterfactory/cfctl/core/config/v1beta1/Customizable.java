package io.clusterfactory.cfctl.core.config.v1beta1;

import java.util.List;

/** A component block that takes the site's patches over the objects cfctl renders for it. */
public interface Customizable {
  /** The site's patches, in order; empty when none (after defaults). */
  List<Patch> patches();
}
