package io.clusterfactory.cfctl.core.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Builds the fabric8 client cfctl uses: fabric8's own retry off, so {@link KubeCalls} owns it. */
public final class KubeClients {
  private KubeClients() {}

  /** A client for the admin kubeconfig cfctl fetched (YAML text). */
  public static KubernetesClient fromKubeconfig(String kubeconfigYaml) {
    return forConfig(Config.fromKubeconfig(kubeconfigYaml));
  }

  /** A client for {@code config} with fabric8's built-in request retry disabled. */
  public static KubernetesClient forConfig(Config config) {
    Config withoutRetry = new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(withoutRetry).build();
  }
}
