package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator.HydrationException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
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
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT = Duration.ofSeconds(10);
  private static final Duration READ = Duration.ofSeconds(60);
  private static final int MAX_REDIRECTS = 5;

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
    Session session = new Session(at, deadline);
    URI manifestUri = at.base().resolve("manifests/" + at.reference());
    Answer manifest = session.get(manifestUri, MANIFEST_TYPES);
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

  /** One answer, its body read up to {@link #MAX_CHART_BYTES}. */
  record Answer(int statusCode, java.net.http.HttpHeaders headers, byte[] body) {}

  /** The requests of one pull: one bearer token reused, every request ended by the deadline. */
  private final class Session {
    private final Reference at;
    private final Instant deadline;
    private String authorization;

    Session(Reference at, Instant deadline) {
      this.at = at;
      this.deadline = deadline;
    }

    Answer get(URI uri, String accept) {
      URI next = uri;
      boolean challenged = false;
      for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
        // credentials go to the registry only, never to the storage a blob redirects to
        boolean registry = next.getAuthority().equals(uri.getAuthority());
        Answer r = send(next, accept, registry ? authorization : null);
        int status = r.statusCode();
        if (status == 200) {
          return r;
        }
        if (status == 401 && registry && !challenged) {
          challenged = true;
          authorization = answer(r.headers().firstValue("WWW-Authenticate").orElse(""), next);
          hop--;
          continue;
        }
        if (status / 100 == 3 && r.headers().firstValue("Location").isPresent()) {
          next = next.resolve(r.headers().firstValue("Location").get());
          continue;
        }
        throw new HydrationException(
            uri + " answered HTTP " + status + (status == 401 ? " (credentials refused)" : ""));
      }
      throw new HydrationException(uri + ": more than " + MAX_REDIRECTS + " redirects");
    }

    /** The Authorization header a 401's challenge asks for (a bearer token, or basic). */
    private String answer(String challenge, URI uri) {
      Optional<String> basic = credentials.basic(at.host());
      if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
        return basic.orElseThrow(
            () ->
                new HydrationException(
                    uri + " needs credentials: `helm registry login " + at.host() + "`"));
      }
      if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
        throw new HydrationException(uri + " answered 401 with challenge '" + challenge + "'");
      }
      StringBuilder query = new StringBuilder();
      String realm = null;
      Matcher m = CHALLENGE_PARAM.matcher(challenge);
      while (m.find()) {
        String key = m.group(1).toLowerCase(Locale.ROOT);
        if (key.equals("realm")) {
          realm = m.group(2);
        } else {
          query
              .append(query.isEmpty() ? "?" : "&")
              .append(key)
              .append('=')
              .append(URLEncoder.encode(m.group(2), StandardCharsets.UTF_8));
        }
      }
      if (realm == null) {
        throw new HydrationException(uri + ": a bearer challenge without a realm");
      }
      URI tokenUri = URI.create(realm + query);
      Answer r = send(tokenUri, "application/json", basic.orElse(null));
      if (r.statusCode() != 200) {
        throw new HydrationException(
            "the token service "
                + tokenUri.getHost()
                + " answered HTTP "
                + r.statusCode()
                + " for "
                + at.name());
      }
      try {
        JsonNode token = JSON.readTree(r.body());
        String value = token.path("token").asText(token.path("access_token").asText(""));
        if (value.isEmpty()) {
          throw new HydrationException(
              "the token service " + tokenUri.getHost() + " gave no token");
        }
        return "Bearer " + value;
      } catch (IOException e) {
        throw new HydrationException(
            "the token service " + tokenUri.getHost() + " answered no JSON: " + e.getMessage());
      }
    }

    private Answer send(URI uri, String accept, String auth) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new HydrationException("the run's deadline passed before " + uri + " was asked");
      }
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(left.compareTo(CONNECT) < 0 ? left : CONNECT)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(left.compareTo(READ) < 0 ? left : READ)
              .header("Accept", accept)
              .GET();
      if (auth != null) {
        request.header("Authorization", auth);
      }
      requests.incrementAndGet();
      try {
        HttpResponse<java.io.InputStream> r =
            client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = r.body()) {
          byte[] body = in.readNBytes((int) MAX_CHART_BYTES + 1);
          if (body.length > MAX_CHART_BYTES) {
            throw new HydrationException(
                uri + ": more than " + MAX_CHART_BYTES + " bytes, refused");
          }
          return new Answer(r.statusCode(), r.headers(), body);
        }
      } catch (IOException e) {
        throw new HydrationException("cannot reach " + uri + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HydrationException("interrupted while asking " + uri);
      }
    }
  }
}
