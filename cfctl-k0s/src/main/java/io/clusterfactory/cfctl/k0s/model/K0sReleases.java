package io.clusterfactory.cfctl.k0s.model;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The newest k0s release of a channel, for a new cluster whose cluster.yaml pins no version: the
 * k0s project publishes it as a one-line text file per channel ({@code stable.txt}, {@code
 * latest.txt}), which is what k0sctl reads too.
 */
public final class K0sReleases {
  /** Where the channel files live; {@code CFCTL_K0S_RELEASES_URL} overrides it (mirrors, tests). */
  public static final String DEFAULT_BASE = "https://docs.k0sproject.io/";

  private K0sReleases() {}

  public static URI base() {
    String override =
        System.getProperty("cfctl.k0sReleasesUrl", System.getenv("CFCTL_K0S_RELEASES_URL"));
    String base = override == null || override.isBlank() ? DEFAULT_BASE : override;
    return URI.create(base.endsWith("/") ? base : base + "/");
  }

  /** The newest version of {@code channel} (stable or latest). */
  public static K0sVersion newest(URI base, String channel) {
    URI file = base.resolve(("latest".equals(channel) ? "latest" : "stable") + ".txt");
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(file).timeout(Duration.ofSeconds(20)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UnreachableException(
          file.toString(),
          "looking up the newest k0s release at " + file + ": " + e.getMessage(),
          "set spec.k0s.version in cluster.yaml (e.g. v1.31.2+k0s.0), or CFCTL_K0S_RELEASES_URL"
              + " to a mirror",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted while looking up the k0s release", e);
    }
    if (response.statusCode() != 200) {
      throw new OperationFailedException(
          file + " answered HTTP " + response.statusCode(),
          "set spec.k0s.version in cluster.yaml",
          null);
    }
    String text = response.body().trim();
    try {
      return K0sVersion.parse(text);
    } catch (RuntimeException e) {
      throw new OperationFailedException(
          file + " does not hold a k0s version: '" + text.lines().findFirst().orElse("") + "'",
          "set spec.k0s.version in cluster.yaml",
          e);
    }
  }
}
