package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.K0sSpec;
import java.util.Map;

/**
 * Where the k0s API server listens, as spec.k0s.config says (k0s's defaults otherwise): read once
 * when cluster.yaml is loaded, used by whatever builds a kubeconfig or an API SAN.
 *
 * @param port {@code spec.api.port}, 6443 when unset
 * @param externalAddress {@code spec.api.externalAddress} (a load balancer or DNS name in front of
 *     the controllers), null when unset
 */
public record K0sApi(int port, String externalAddress) {
  /** k0s's own default API port. */
  public static final int DEFAULT_PORT = 6443;

  static K0sApi of(K0sSpec k0s) {
    Map<?, ?> api = map(map(k0s == null ? null : k0s.config(), "spec"), "api");
    Object port = api == null ? null : api.get("port");
    Object external = api == null ? null : api.get("externalAddress");
    return new K0sApi(port(port), external instanceof String s && !s.isBlank() ? s : null);
  }

  private static int port(Object value) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String s && s.strip().matches("[0-9]{1,5}")) {
      return Integer.parseInt(s.strip());
    }
    return DEFAULT_PORT;
  }

  private static Map<?, ?> map(Map<?, ?> parent, String key) {
    return parent != null && parent.get(key) instanceof Map<?, ?> m ? m : null;
  }
}
