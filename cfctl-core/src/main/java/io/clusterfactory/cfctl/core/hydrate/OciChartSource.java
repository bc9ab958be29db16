package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator.HydrationException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A chart in an OCI registry ({@code repoURL: oci://registry/path}, or Argo CD's form without the
 * scheme, with {@code chart} and {@code targetRevision}), pulled as {@code helm pull} does: the
 * manifest of {@code <path>/<chart>:<version>} ({@code +} written {@code _}, as {@code helm push}
 * tags it), then its Helm chart layer, whose digest the bytes must have. helm-java (0.0.21) has no
 * pull, and its template of an {@code oci://} reference gives neither the archive's bytes (the
 * cache and the lock need them) nor a deadline, so this is a small distribution-API client.
 *
 * <p>Anonymous pulls and the registries' token flow ({@code WWW-Authenticate: Bearer}) are
 * supported, with the credentials {@code helm registry login} or {@code docker login} stored
 * ({@link RegistryCredentials}). Registries on a loopback address are spoken to over plain HTTP (as
 * Docker does), every other over HTTPS.
 */
final class OciChartSource implements ChartSource {
  static final String MANIFEST_TYPES =
      "application/vnd.oci.image.manifest.v1+json,"
          + " application/vnd.docker.distribution.manifest.v2+json";
  static final String CONFIG_TYPE = "application/vnd.cncf.helm.config.v1+json";
  static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  private static final String LEGACY_CHART_LAYER = "application/tar+gzip";

  /** Larger than any chart; a bigger layer is refused before it is read. */
  static final long MAX_CHART_BYTES = 64L << 20;

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChartCache cache;
  private final RegistryCredentials credentials;
  private final AtomicInteger requests;

  OciChartSource(ChartCache cache, RegistryCredentials credentials, AtomicInteger requests) {
    this.cache = cache;
    this.credentials = credentials;
    this.requests = requests;
  }

  /**
   * Where an OCI chart is: {@code host} (a port included), {@code name} (the repository path in the
   * registry) and {@code reference} (a tag or a {@code sha256:} manifest digest).
   */
  record Reference(String host, String name, String reference) {

    static Reference of(ChartRef ref) {
      String base = ref.repository();
      base = base.startsWith("oci://") ? base.substring("oci://".length()) : base;
      while (base.endsWith("/")) {
        base = base.substring(0, base.length() - 1);
      }
      int slash = base.indexOf('/');
      String host = slash < 0 ? base : base.substring(0, slash);
      String path = slash < 0 ? "" : base.substring(slash + 1);
      if (host.isEmpty() || ref.chart().isBlank()) {
        throw new HydrationException(
            "OCI chart " + ref.label() + ": repoURL must name a registry and chart a chart");
      }
      if (ref.version().isBlank()) {
        throw new HydrationException(
            "OCI chart " + ref.label() + ": targetRevision must be the chart's version");
      }
      String version = ref.version();
      String reference = DIGEST.matcher(version).matches() ? version : version.replace('+', '_');
      return new Reference(
          host.equals("docker.io") ? "registry-1.docker.io" : host,
          path.isEmpty() ? ref.chart() : path + "/" + ref.chart(),
          reference);
    }

    URI base() {
      String bare = host.replaceFirst(":\\d+$", "").replace("[", "").replace("]", "");
      boolean loopback = bare.equals("localhost") || bare.startsWith("127.") || bare.equals("::1");
      return URI.create((loopback ? "http://" : "https://") + host + "/v2/" + name + "/");
    }
  }

  @Override
  public FetchedChart fetch(ChartRef ref, Instant deadline) {
    Optional<Path> cached = cache.lookup(ref);
    if (cached.isPresent()) {
      return FetchedChart.archive(cached.get());
    }
    Reference at = Reference.of(ref);
    RegistrySession session =
        new RegistrySession(at, deadline, credentials, requests, MAX_CHART_BYTES);
    URI manifestUri = at.base().resolve("manifests/" + at.reference());
    RegistrySession.Answer manifest = session.get(manifestUri, MANIFEST_TYPES);
    String manifestDigest = ChartCache.digest(manifest.body());
    String announced = manifest.headers().firstValue("Docker-Content-Digest").orElse(null);
    if (DIGEST.matcher(at.reference()).matches() && !at.reference().equals(manifestDigest)) {
      throw new HydrationException(
          manifestUri + ": the manifest's digest is " + manifestDigest + ", not " + at.reference());
    }
    if (announced != null && announced.startsWith("sha256:") && !announced.equals(manifestDigest)) {
      throw new HydrationException(
          manifestUri
              + ": the manifest's digest is "
              + manifestDigest
              + ", the registry announced "
              + announced);
    }
    JsonNode layer = chartLayer(manifestUri, manifest.body());
    String digest = layer.path("digest").asText();
    byte[] blob = session.get(at.base().resolve("blobs/" + digest), "*/*").body();
    String got = ChartCache.digest(blob);
    if (!got.equals(digest)) {
      throw new HydrationException(
          "OCI chart "
              + ref.label()
              + ": the chart layer's bytes have digest "
              + got
              + ", its manifest says "
              + digest
              + " (refused)");
    }
    return FetchedChart.archive(cache.store(ref, blob));
  }

  /** The manifest's Helm chart layer, checked: a Helm config, a sha256 digest, a sane size. */
  private static JsonNode chartLayer(URI uri, byte[] body) {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(body);
    } catch (IOException e) {
      throw new HydrationException(uri + ": the manifest is not JSON: " + e.getMessage());
    }
    String config = manifest.path("config").path("mediaType").asText("");
    if (!config.equals(CONFIG_TYPE)) {
      throw new HydrationException(
          uri
              + " is not a Helm chart (config media type '"
              + config
              + "', not "
              + CONFIG_TYPE
              + ")");
    }
    for (JsonNode layer : manifest.path("layers")) {
      String type = layer.path("mediaType").asText("");
      if (type.equals(CHART_LAYER) || type.equals(LEGACY_CHART_LAYER)) {
        String digest = layer.path("digest").asText("");
        if (!DIGEST.matcher(digest).matches()) {
          throw new HydrationException(
              uri + ": the chart layer's digest '" + digest + "' is not sha256");
        }
        if (layer.path("size").asLong(-1) > MAX_CHART_BYTES) {
          throw new HydrationException(
              uri + ": the chart layer is " + layer.path("size").asLong() + " bytes, refused");
        }
        return layer;
      }
    }
    throw new HydrationException(uri + " has no layer of media type " + CHART_LAYER);
  }
}
