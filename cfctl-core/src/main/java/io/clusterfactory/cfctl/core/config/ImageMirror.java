package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.ClusterSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.RegistriesSpec;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where each registry's images are pulled from (spec.registries): a registry named in {@code
 * rewrites} is replaced by its prefix, any other one by {@code mirror}; without either an image
 * stays as it is. The same answer serves the rendered images and containerd's hosts on the nodes.
 */
public final class ImageMirror {
  private static final ImageMirror NONE = new ImageMirror(null, Map.of());

  private final String mirror;
  private final SortedMap<String, String> rewrites;

  private ImageMirror(String mirror, Map<String, String> rewrites) {
    this.mirror = mirror == null ? null : trimSlash(mirror);
    this.rewrites = new TreeMap<>();
    rewrites.forEach((k, v) -> this.rewrites.put(k, trimSlash(v)));
  }

  public static ImageMirror of(RegistriesSpec registries) {
    if (registries == null) {
      return NONE;
    }
    return new ImageMirror(
        registries.mirror(), registries.rewrites() == null ? Map.of() : registries.rewrites());
  }

  public static ImageMirror of(ClusterSpec spec) {
    return spec == null ? NONE : of(spec.registries());
  }

  /** Whether any image is pulled from somewhere else than its registry. */
  public boolean active() {
    return mirror != null || !rewrites.isEmpty();
  }

  /** The one mirror for every registry not rewritten, if set. */
  public Optional<String> mirror() {
    return Optional.ofNullable(mirror);
  }

  /** The per-registry prefixes, by registry host. */
  public SortedMap<String, String> rewrites() {
    return java.util.Collections.unmodifiableSortedMap(rewrites);
  }

  /** The prefix that replaces a registry host, if any. */
  public Optional<String> prefixOf(String registry) {
    String r = rewrites.get(registry);
    if (r == null && ImageReference.DOCKER_HUB.equals(registry)) {
      r = rewrites.get("index.docker.io");
    }
    return Optional.ofNullable(r != null ? r : mirror);
  }

  /** The image as it is pulled through the mirrors (normalised when it is rewritten). */
  public String rewrite(String image) {
    if (!active()) {
      return image;
    }
    ImageReference ref = ImageReference.parse(image);
    return prefixOf(ref.registry()).map(p -> ref.under(p).toString()).orElse(image);
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
