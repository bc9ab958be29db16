package io.clusterfactory.cfctl.grendel.api;

import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.config.GrendelApiSpec;
import io.clusterfactory.cfctl.grendel.config.GrendelDefaults;
import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import java.nio.file.Path;
import java.util.function.Function;

/** Creates the {@link GrendelClient} of the configured API generation and transport. */
public final class GrendelClients {
  private GrendelClients() {}

  /**
   * The client for {@code spec.api()} and {@code spec.apiGeneration()} (default applied), with
   * default timeouts and retries.
   */
  public static GrendelClient create(GrendelSpec spec, Function<String, String> environment) {
    GrendelSpec withDefaults = GrendelDefaults.apply(spec);
    return create(
        withDefaults.api(), withDefaults.apiGeneration(), environment, ClientOptions.defaults());
  }

  /**
   * Same as {@link #create(GrendelApiSpec, ApiGeneration, Function, ClientOptions)} with defaults.
   */
  public static GrendelClient create(
      GrendelApiSpec api, ApiGeneration generation, Function<String, String> environment) {
    return create(api, generation, environment, ClientOptions.defaults());
  }

  /**
   * @param environment looks up environment variables (pass {@code System::getenv}); used for
   *     {@code api.tokenEnv}
   * @throws IllegalArgumentException when the endpoint is missing or ambiguous, or {@code tokenEnv}
   *     names an unset variable
   */
  public static GrendelClient create(
      GrendelApiSpec api,
      ApiGeneration generation,
      Function<String, String> environment,
      ClientOptions options) {
    if (api == null || (api.url() == null) == (api.socket() == null)) {
      throw new IllegalArgumentException(
          "provisioning.grendel.api needs exactly one of url or socket to reach Grendel");
    }
    if (generation == null) {
      throw new IllegalArgumentException("the Grendel API generation is required");
    }
    String token = null;
    if (api.tokenEnv() != null && !api.tokenEnv().isBlank()) {
      token = environment.apply(api.tokenEnv());
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException(
            "environment variable "
                + api.tokenEnv()
                + " (provisioning.grendel.api.tokenEnv) is not set; export the Grendel API token"
                + " in it");
      }
      token = token.strip();
    }
    Transport transport =
        api.url() != null
            ? new TcpTransport(api.url(), options)
            : new UnixSocketTransport(Path.of(api.socket()), options);
    ApiCaller caller = new ApiCaller(transport, options, token, api.tokenEnv());
    return generation == ApiGeneration.LEGACY
        ? new LegacyGrendelClient(caller)
        : new UpstreamGrendelClient(caller);
  }
}
