package io.clusterfactory.cfctl.grendel.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** HTTP over TCP with java.net.http. */
final class TcpTransport implements Transport {
  private final String baseUrl;
  private final HttpClient http;
  private final ClientOptions options;

  TcpTransport(String url, ClientOptions options) {
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.options = options;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Response send(Request request) throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + request.target()))
            .timeout(options.requestTimeout())
            .header("Accept", "application/json");
    if (request.authorization() != null) {
      builder.header("Authorization", request.authorization());
    }
    if (request.body() != null) {
      builder.header("Content-Type", "application/json");
      builder.method(
          request.method(),
          HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
    } else {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    // HttpRequest.timeout ends when the headers arrive; a body that trickles in a byte at a time
    // would hold the call for ever, so the whole exchange gets the same deadline
    CompletableFuture<HttpResponse<String>> exchange =
        http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response =
          exchange.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new Response(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException(
          "no complete answer within " + options.requestTimeout().toMillis() + " ms");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    }
  }

  @Override
  public String endpoint() {
    return baseUrl;
  }

  @Override
  public void close() {
    // java.net.http.HttpClient in Java 17 holds no resources that need closing
  }
}
