package io.clusterfactory.cfctl.core.hydrate;

import io.clusterfactory.cfctl.core.config.ImageReference;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator.HydrationException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The digest an image reference's tag points at now, as {@code crane digest} gives it: the sha256
 * of the manifest the registry serves for the tag (the index of a multi-architecture image), asked
 * with the same distribution-API client as OCI charts ({@link RegistrySession}: credentials, token
 * flow, the run's deadline). A registry that announces another digest than its bytes have is
 * refused. An air-gap site copies each image by this digest, so the bundle says exactly which bytes
 * it was made with even when a tag moves later.
 */
public final class ImageDigests {
  static final String MANIFEST_TYPES =
      "application/vnd.oci.image.index.v1+json,"
          + " application/vnd.docker.distribution.manifest.list.v2+json,"
          + " application/vnd.oci.image.manifest.v1+json,"
          + " application/vnd.docker.distribution.manifest.v2+json";

  /** Larger than any manifest or index; a bigger answer is refused. */
  static final long MAX_MANIFEST_BYTES = 4L << 20;

  static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final RegistryCredentials credentials;
  private final Instant deadline;
  private final AtomicInteger requests = new AtomicInteger();

  ImageDigests(RegistryCredentials credentials, Instant deadline) {
    this.credentials = credentials;
    this.deadline = deadline;
  }

  /** With the credentials {@code docker login} and {@code helm registry login} stored. */
  public static ImageDigests standard(Instant deadline) {
    return new ImageDigests(
        RegistryCredentials.standard(System.getenv(), Path.of(System.getProperty("user.home"))),
        deadline);
  }

  /**
   * Where {@code image} is asked ({@link ImageReference}, as Docker reads a reference): Docker Hub
   * at its registry's API host; the tag, else {@code latest}; a reference pinned by digest keeps
   * it.
   */
  static OciChartSource.Reference reference(String image) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(image);
    } catch (IllegalArgumentException e) {
      throw new HydrationException(e.getMessage());
    }
    String host =
        ref.registry().equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : ref.registry();
    String at = ref.digest() != null ? ref.digest() : ref.tag() != null ? ref.tag() : "latest";
    return new OciChartSource.Reference(host, ref.repository(), at);
  }

  /**
   * The {@code sha256:<hex>} digest of {@code image}'s manifest.
   *
   * @throws OperationFailedException naming the image when the registry cannot say
   */
  public String resolve(String image) {
    return resolve(image, image);
  }

  /**
   * The digest of {@code image} as {@code servedAs} (its name in the site's mirror) serves it.
   *
   * @throws OperationFailedException naming both when the registry cannot say
   */
  public String resolve(String image, String servedAs) {
    try {
      OciChartSource.Reference ref = reference(servedAs);
      if (DIGEST.matcher(ref.reference()).matches()) {
        return ref.reference();
      }
      RegistrySession session =
          new RegistrySession(ref, deadline, credentials, requests, MAX_MANIFEST_BYTES);
      URI uri = ref.base().resolve("manifests/" + ref.reference());
      RegistrySession.Answer manifest = session.get(uri, MANIFEST_TYPES);
      String digest = ChartCache.digest(manifest.body());
      String announced = manifest.headers().firstValue("Docker-Content-Digest").orElse(null);
      if (announced != null && announced.startsWith("sha256:") && !announced.equals(digest)) {
        throw new HydrationException(
            uri + ": the manifest's digest is " + digest + ", the registry announced " + announced);
      }
      return digest;
    } catch (HydrationException e) {
      throw new OperationFailedException(
          "image "
              + image
              + (servedAs.equals(image) ? "" : " (as " + servedAs + ")")
              + ": "
              + e.getMessage(),
          "check the registry is reachable and serves this tag",
          null);
    }
  }

  /** Requests made so far. */
  public int requests() {
    return requests.get();
  }
}
