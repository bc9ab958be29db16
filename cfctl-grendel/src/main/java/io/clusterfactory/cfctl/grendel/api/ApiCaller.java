package io.clusterfactory.cfctl.grendel.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends requests with bounded retries and turns failures into {@link GrendelApiException}. */
final class ApiCaller implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(ApiCaller.class);
  private static final Set<Integer> RETRIED_STATUSES = Set.of(502, 503, 504);

  private final Transport transport;
  private final ClientOptions options;
  private final String authorization;
  private final String tokenHint;

  ApiCaller(Transport transport, ClientOptions options, String token, String tokenEnv) {
    this.transport = transport;
    this.options = options;
    this.authorization = token == null ? null : "Bearer " + token;
    this.tokenHint = tokenEnv == null ? "" : " (check the token in $" + tokenEnv + ")";
  }

  String endpoint() {
    return transport.endpoint();
  }

  /** Percent-encodes one path segment or query value (nodesets contain [ ] and ,). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  <T> T call(String method, String target, Object body, TypeReference<T> answer) {
    String text = call(method, target, body);
    try {
      return GrendelJson.mapper().readValue(text, answer);
    } catch (JsonProcessingException e) {
      throw new GrendelApiException(
          GrendelApiException.Kind.PROTOCOL,
          200,
          method
              + " "
              + target
              + " at "
              + endpoint()
              + " answered unexpected JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** The body of a 2xx answer. */
  String call(String method, String target, Object body) {
    String json = body == null ? null : GrendelJson.compact(body);
    Transport.Request request = new Transport.Request(method, target, json, authorization);
    Exception lastFailure = null;
    Transport.Response lastResponse = null;
    for (int attempt = 1; attempt <= options.attempts(); attempt++) {
      if (attempt > 1) {
        sleep(attempt - 1);
      }
      try {
        Transport.Response response = transport.send(request);
        logger.debug("{} {} -> {}", method, target, response.status());
        if (response.status() >= 200 && response.status() < 300) {
          return response.body();
        }
        if (!RETRIED_STATUSES.contains(response.status())) {
          throw rejected(method, target, response);
        }
        lastResponse = response;
        lastFailure = null;
      } catch (IOException e) {
        logger.debug("{} {} failed (attempt {}): {}", method, target, attempt, e.toString());
        lastFailure = e;
        lastResponse = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GrendelApiException(
            GrendelApiException.Kind.UNREACHABLE, 0, "interrupted while calling Grendel", e);
      }
    }
    String what =
        lastResponse != null
            ? "answered HTTP " + lastResponse.status() + " " + errorText(lastResponse.body())
            : "could not be reached: " + describe(lastFailure);
    throw new GrendelApiException(
        GrendelApiException.Kind.UNREACHABLE,
        lastResponse == null ? 0 : lastResponse.status(),
        "Grendel API at "
            + endpoint()
            + " "
            + what
            + " ("
            + method
            + " "
            + target
            + ", "
            + options.attempts()
            + " attempts); check that Grendel runs and the api endpoint in cluster.yaml",
        lastFailure);
  }

  private GrendelApiException rejected(String method, String target, Transport.Response response) {
    String auth =
        response.status() == 401 || response.status() == 403
            ? tokenHint.isEmpty() ? " (the API needs a token: set api.tokenEnv)" : tokenHint
            : "";
    return new GrendelApiException(
        GrendelApiException.Kind.REJECTED,
        response.status(),
        "Grendel API at "
            + endpoint()
            + " rejected "
            + method
            + " "
            + target
            + ": HTTP "
            + response.status()
            + " "
            + errorText(response.body())
            + auth,
        null);
  }

  /** The message of legacy {@code {"message"}} or v0.2 {@code {"title","detail"}} errors. */
  static String errorText(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    try {
      JsonNode node = GrendelJson.mapper().readTree(body);
      if (node.hasNonNull("detail")) {
        String title = node.path("title").asText("");
        return (title.isEmpty() ? "" : title + ": ") + node.get("detail").asText();
      }
      if (node.hasNonNull("message")) {
        return node.get("message").asText();
      }
    } catch (JsonProcessingException e) {
      // not JSON: fall through and show the start of the text
    }
    String trimmed = body.strip();
    return trimmed.length() > 200 ? trimmed.substring(0, 200) + "..." : trimmed;
  }

  private static String describe(Exception failure) {
    if (failure == null) {
      return "no answer";
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private void sleep(int retry) {
    try {
      Thread.sleep(options.retryBackoff().toMillis() * retry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GrendelApiException(
          GrendelApiException.Kind.UNREACHABLE, 0, "interrupted while retrying Grendel", e);
    }
  }

  @Override
  public void close() {
    transport.close();
  }
}
