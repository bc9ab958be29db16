package io.clusterfactory.cfctl.core.config;

/**
 * A container image reference, normalised as Docker and containerd read it: a first path component
 * with a dot or a colon (or {@code localhost}) is the registry, else the image is on docker.io,
 * where a one-component name lives under {@code library/}. Tag and digest are kept as written.
 *
 * @param registry e.g. {@code docker.io}, {@code registry.site.local:5000}
 * @param repository e.g. {@code library/nginx}
 * @param tag the tag, or null
 * @param digest {@code sha256:...}, or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
  public static final String DOCKER_HUB = "docker.io";

  /** Parses a reference such as {@code nginx:1.27}, {@code quay.io/a/b@sha256:...}. */
  public static ImageReference parse(String reference) {
    if (reference == null || reference.isBlank() || reference.contains(" ")) {
      throw new IllegalArgumentException("not an image reference: '" + reference + "'");
    }
    String rest = reference;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0 && isRegistryHost(rest.substring(0, slash))) {
      registry = rest.substring(0, slash);
      rest = rest.substring(slash + 1);
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (rest.isEmpty() || rest.startsWith("/") || rest.endsWith("/")) {
      throw new IllegalArgumentException("not an image reference: '" + reference + "'");
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  /** Whether the first component of a name is a registry host rather than a path component. */
  public static boolean isRegistryHost(String component) {
    return component.contains(".") || component.contains(":") || component.equals("localhost");
  }

  /** The same image under another registry prefix (host[:port][/path]). */
  public ImageReference under(String prefix) {
    int slash = prefix.indexOf('/');
    return slash < 0
        ? new ImageReference(prefix, repository, tag, digest)
        : new ImageReference(
            prefix.substring(0, slash),
            prefix.substring(slash + 1) + "/" + repository,
            tag,
            digest);
  }

  /** registry/repository, without tag and digest. */
  public String name() {
    return registry + "/" + repository;
  }

  @Override
  public String toString() {
    return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
