package io.clusterfactory.cfctl.grendel.api;

import io.clusterfactory.cfctl.grendel.config.GrendelDefaults;
import java.time.Duration;

/** Timeouts and retries of API calls; {@link #defaults()} comes from {@link GrendelDefaults}. */
public record ClientOptions(
    Duration connectTimeout, Duration requestTimeout, int attempts, Duration retryBackoff) {

  public ClientOptions {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
  }

  public static ClientOptions defaults() {
    return new ClientOptions(
        GrendelDefaults.API_CONNECT_TIMEOUT,
        GrendelDefaults.API_REQUEST_TIMEOUT,
        GrendelDefaults.API_ATTEMPTS,
        GrendelDefaults.API_RETRY_BACKOFF);
  }
}
