package io.clusterfactory.cfctl.core.hydrate;

import io.clusterfactory.cfctl.core.render.RenderedTree;

/**
 * Renders the Helm charts of a tree's Applications. The implementation runs Helm in-process
 * (helm-java); tests of code that only consumes hydrated objects may hand in a fake.
 */
public interface Hydrator {

  /**
   * Hydrates every Application of {@code tree} that has a Helm source. A chart that cannot be
   * pulled or whose digest differs from the lock is listed in {@link HydratedTree#missing()}, never
   * skipped silently.
   */
  HydratedTree hydrate(RenderedTree tree);

  /**
   * As {@link #hydrate(RenderedTree)}, templates seeing {@code kubeVersion} (e.g. {@code v1.33.4})
   * as {@code .Capabilities.KubeVersion}; null keeps Helm's default.
   */
  default HydratedTree hydrate(RenderedTree tree, String kubeVersion) {
    return hydrate(tree);
  }
}
