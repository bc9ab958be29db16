package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator.HydrationException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pulls one image for one Linux architecture as {@code crane pull --format oci} does, with no
 * container tool: the manifest at the image's digest (the platform's manifest when that is an
 * index), then its config and layers, each blob streamed into {@code <blobs>/sha256/<hex>} and
 * refused unless its bytes have the digest its manifest names. Blobs already there with their
 * digest are not asked again (images share layers).
 */
public final class ImagePuller {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

  private final RegistryCredentials credentials;
  private final Instant deadline;
  private final AtomicInteger requests = new AtomicInteger();

  ImagePuller(RegistryCredentials credentials, Instant deadline) {
    this.credentials = credentials;
    this.deadline = deadline;
  }

  /** With the credentials {@code docker login} and {@code helm registry login} stored. */
  public static ImagePuller standard(Instant deadline) {
    return new ImagePuller(
        RegistryCredentials.standard(System.getenv(), Path.of(System.getProperty("user.home"))),
        deadline);
  }

  /**
   * One image's manifest for one platform, with every blob it needs in the blob folder.
   *
   * @param digest the platform manifest's {@code sha256:} digest
   * @param mediaType its media type (OCI or Docker schema 2)
   * @param bytes the manifest itself
   */
  public record Pulled(String digest, String mediaType, byte[] bytes) {}

  /**
   * Pulls {@code servedAs} at {@code digest} (the digest of its tag, as {@link ImageDigests} read
   * it) for {@code linux/<arch>}.
   *
   * @throws OperationFailedException naming the image when it cannot be pulled or is refused
   */
  public Pulled pull(String image, String servedAs, String digest, String arch, Path blobs) {
    try {
      OciChartSource.Reference ref = ImageDigests.reference(servedAs);
      RegistrySession session =
          new RegistrySession(
              ref, deadline, credentials, requests, ImageDigests.MAX_MANIFEST_BYTES);
      byte[] top = manifest(session, ref, digest);
      JsonNode node = JSON.readTree(top);
      String type = mediaType(node);
      String platformDigest = digest;
      byte[] manifest = top;
      if (type.equals(INDEX) || type.equals(LIST)) {
        platformDigest = platform(node, arch, servedAs);
        manifest = manifest(session, ref, platformDigest);
        node = JSON.readTree(manifest);
        type = mediaType(node);
      }
      List<String> needed = new ArrayList<>();
      needed.add(node.path("config").path("digest").asText(""));
      node.path("layers").forEach(l -> needed.add(l.path("digest").asText("")));
      for (String blob : needed) {
        if (!ImageDigests.DIGEST.matcher(blob).matches()) {
          throw new HydrationException(
              "the manifest names a blob '" + blob + "' that is not sha256");
        }
        Path target = blobPath(blobs, blob);
        if (Files.isRegularFile(target) && ChartCache.digestOf(target).equals(blob)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        session.download(ref.base().resolve("blobs/" + blob), blob, target);
      }
      Path own = blobPath(blobs, platformDigest);
      Files.createDirectories(own.getParent());
      Files.write(own, manifest);
      return new Pulled(platformDigest, type, manifest);
    } catch (HydrationException | IOException e) {
      throw new OperationFailedException(
          "image "
              + image
              + (servedAs.equals(image) ? "" : " (as " + servedAs + ")")
              + " for "
              + arch
              + ": "
              + e.getMessage(),
          "check the registry is reachable and serves this image for " + arch,
          null);
    }
  }

  /** Where a blob of this digest is kept: {@code <blobs>/sha256/<hex>}, as an OCI layout has it. */
  public static Path blobPath(Path blobs, String digest) {
    return blobs.resolve(Paths.get("sha256", digest.substring("sha256:".length())));
  }

  private static byte[] manifest(RegistrySession session, OciChartSource.Reference ref, String at) {
    URI uri = ref.base().resolve("manifests/" + at);
    byte[] body = session.get(uri, ImageDigests.MANIFEST_TYPES).body();
    String got = ChartCache.digest(body);
    if (!got.equals(at)) {
      throw new HydrationException(uri + ": the manifest's digest is " + got + ", not " + at);
    }
    return body;
  }

  private static String mediaType(JsonNode manifest) {
    String type = manifest.path("mediaType").asText("");
    if (!type.isEmpty()) {
      return type;
    }
    // an OCI manifest may leave its media type out: an index has manifests, an image layers
    return manifest.has("manifests") ? INDEX : "application/vnd.oci.image.manifest.v1+json";
  }

  /** The digest of the index's manifest for linux/{@code arch} (arm: v7 first, as k0s runs). */
  private static String platform(JsonNode index, String arch, String image) {
    String found = null;
    for (JsonNode m : index.path("manifests")) {
      JsonNode p = m.path("platform");
      if (!p.path("os").asText().equals("linux") || !p.path("architecture").asText().equals(arch)) {
        continue;
      }
      String variant = p.path("variant").asText("");
      if (found == null || (arch.equals("arm") && variant.equals("v7"))) {
        found = m.path("digest").asText();
      }
    }
    if (found == null || !ImageDigests.DIGEST.matcher(found).matches()) {
      throw new HydrationException(image + " has no linux/" + arch + " image");
    }
    return found;
  }

  /** Requests made so far. */
  public int requests() {
    return requests.get();
  }
}
