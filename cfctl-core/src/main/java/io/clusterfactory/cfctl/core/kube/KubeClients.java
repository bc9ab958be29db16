package io.clusterfactory.cfctl.core.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;

/**
 * Builds the fabric8 client cfctl uses: fabric8's own retry off, so {@link KubeCalls} owns it, and
 * explicit timeouts, so an API server that accepts the connection and never answers fails a request
 * instead of holding it.
 */
public final class KubeClients {
  /** Opening the TCP (and TLS) connection to the API server. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** One request, from sending it to the last byte of the answer. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private KubeClients() {}

  /** A client for the admin kubeconfig cfctl fetched (YAML text). */
  public static KubernetesClient fromKubeconfig(String kubeconfigYaml) {
    return forConfig(Config.fromKubeconfig(kubeconfigYaml));
  }

  /** A client for {@code config} with fabric8's retry disabled and the default timeouts. */
  public static KubernetesClient forConfig(Config config) {
    return forConfig(config, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
  }

  /** A client for {@code config} with fabric8's retry disabled and the timeouts given. */
  public static KubernetesClient forConfig(Config config, Duration connect, Duration request) {
    Config bounded =
        new ConfigBuilder(config)
            .withRequestRetryBackoffLimit(0)
            .withConnectionTimeout((int) connect.toMillis())
            .withRequestTimeout((int) request.toMillis())
            .build();
    return new KubernetesClientBuilder().withConfig(bounded).build();
  }
}
