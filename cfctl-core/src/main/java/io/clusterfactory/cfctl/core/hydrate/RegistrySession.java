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
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests of one pull from an OCI distribution registry (a chart, or an image's manifest):
 * anonymous, or the registries' token flow ({@code WWW-Authenticate: Bearer}, one token reused)
 * with the credentials {@code helm registry login} or {@code docker login} stored; redirects
 * followed without the credentials when they leave the registry; every request ended by the run's
 * deadline.
 */
final class RegistrySession {
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT = Duration.ofSeconds(10);
  private static final Duration READ = Duration.ofSeconds(60);
  private static final int MAX_REDIRECTS = 5;

  private final OciChartSource.Reference at;
  private final Instant deadline;
  private final RegistryCredentials credentials;
  private final AtomicInteger requests;
  private final long maxBytes;
  private String authorization;

  /**
   * @param at the registry and repository asked (its token is scoped to it)
   * @param maxBytes a larger answer is refused before more of it is read
   */
  RegistrySession(
      OciChartSource.Reference at,
      Instant deadline,
      RegistryCredentials credentials,
      AtomicInteger requests,
      long maxBytes) {
    this.at = at;
    this.deadline = deadline;
    this.credentials = credentials;
    this.requests = requests;
    this.maxBytes = maxBytes;
  }

  /** One answer, its body read up to the session's limit. */
  record Answer(int statusCode, java.net.http.HttpHeaders headers, byte[] body) {}

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
        throw new HydrationException("the token service " + tokenUri.getHost() + " gave no token");
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
        byte[] body = in.readNBytes((int) maxBytes + 1);
        if (body.length > maxBytes) {
          throw new HydrationException(uri + ": more than " + maxBytes + " bytes, refused");
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
