package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator.HydrationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
  record Answer(int statusCode, HttpHeaders headers, byte[] body) {}

  Answer get(URI uri, String accept) {
    HttpHeaders[] seen = new HttpHeaders[1];
    byte[] body =
        request(
            uri,
            accept,
            (in, headers) -> {
              seen[0] = headers;
              return readBounded(uri, in);
            });
    return new Answer(200, seen[0], body);
  }

  /**
   * Streams the blob at {@code uri} into {@code target}, refusing it (and removing the file) when
   * its bytes do not have {@code digest}.
   */
  void download(URI uri, String digest, Path target) {
    request(
        uri,
        "*/*",
        (in, headers) -> {
          try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = Files.newOutputStream(target)) {
              byte[] buf = new byte[1 << 16];
              for (int n; (n = in.read(buf)) >= 0; ) {
                if (Instant.now().isAfter(deadline)) {
                  throw new HydrationException("the run's deadline passed while reading " + uri);
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
              }
            }
            String got = "sha256:" + HexFormat.of().formatHex(sha.digest());
            if (!got.equals(digest)) {
              Files.deleteIfExists(target);
              throw new HydrationException(
                  uri + ": the bytes have digest " + got + ", not " + digest + " (refused)");
            }
            return null;
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Reads the answer's body of a 200. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(InputStream in, HttpHeaders headers) throws IOException;
  }

  private byte[] readBounded(URI uri, InputStream in) throws IOException {
    byte[] body = in.readNBytes((int) maxBytes + 1);
    if (body.length > maxBytes) {
      throw new HydrationException(uri + ": more than " + maxBytes + " bytes, refused");
    }
    return body;
  }

  private <T> T request(URI uri, String accept, BodyReader<T> on200) {
    URI next = uri;
    boolean challenged = false;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      // credentials go to the registry only, never to the storage a blob redirects to
      boolean registry = next.getAuthority().equals(uri.getAuthority());
      Exchange<T> r = send(next, accept, registry ? authorization : null, on200);
      int status = r.statusCode();
      if (status == 200) {
        return r.value();
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

  /** One request's status and headers, and what a 200's body was read into. */
  private record Exchange<T>(int statusCode, HttpHeaders headers, T value) {}

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
    Exchange<byte[]> r =
        send(
            tokenUri, "application/json", basic.orElse(null), (in, h) -> readBounded(tokenUri, in));
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
      JsonNode token = JSON.readTree(r.value());
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

  /**
   * One request, over HttpURLConnection: its read timeout bounds every read of the body too (the
   * HTTP client's request timeout ends at the headers, and a peer that stops sending mid-body would
   * hold its reader forever), and the run's deadline is checked between reads.
   */
  private <T> Exchange<T> send(URI uri, String accept, String auth, BodyReader<T> on200) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new HydrationException("the run's deadline passed before " + uri + " was asked");
    }
    requests.incrementAndGet();
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) uri.toURL().openConnection();
      c.setInstanceFollowRedirects(false);
      c.setConnectTimeout(
          (int) Math.max(1, (left.compareTo(CONNECT) < 0 ? left : CONNECT).toMillis()));
      c.setReadTimeout((int) Math.max(1, (left.compareTo(READ) < 0 ? left : READ).toMillis()));
      c.setRequestProperty("Accept", accept);
      if (auth != null) {
        c.setRequestProperty("Authorization", auth);
      }
      int status = c.getResponseCode();
      Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      c.getHeaderFields()
          .forEach(
              (k, v) -> {
                if (k != null) {
                  fields.put(k, v);
                }
              });
      HttpHeaders headers = HttpHeaders.of(fields, (k, v) -> true);
      if (status == 200) {
        try (InputStream in = c.getInputStream()) {
          return new Exchange<>(status, headers, on200.read(in, headers));
        }
      }
      InputStream err = c.getErrorStream();
      if (err != null) {
        try (err) {
          err.readNBytes(64 << 10);
        }
      }
      return new Exchange<>(status, headers, null);
    } catch (IOException e) {
      throw new HydrationException("cannot reach " + uri + ": " + e);
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }
}
