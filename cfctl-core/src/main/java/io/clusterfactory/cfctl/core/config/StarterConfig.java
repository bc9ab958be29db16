package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commented starter cluster.yaml of {@code cfctl init}. Written as text because its comments
 * are the point; a test loads every variant back through {@link ConfigLoader}.
 */
public final class StarterConfig {
  private static final Pattern ADDRESS =
      Pattern.compile("^(?:([A-Za-z0-9._-]+)@)?(\\[[0-9A-Fa-f:]+\\]|[A-Za-z0-9._-]+)(?::(\\d+))?$");

  public record Options(
      String clusterName,
      List<String> addresses,
      int controllerCount,
      boolean controllerWorker,
      String defaultUser,
      String keyPath,
      String k0sVersion,
      String gitopsUrl) {}

  record Address(String user, String host, int port) {}

  private StarterConfig() {}

  public static String render(Options o) {
    List<Address> hosts = new ArrayList<>();
    for (String a : o.addresses()) {
      hosts.add(parse(a, o.defaultUser()));
    }
    if (hosts.isEmpty()) {
      hosts.add(new Address(o.defaultUser(), "10.0.0.11", 22));
    }
    if (o.controllerCount() < 1) {
      throw new InvalidInputException("--controller-count must be 1 or more");
    }
    if (!o.clusterName().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      throw new InvalidInputException(
          "cluster name '" + o.clusterName() + "' is not a DNS label",
          "use lower-case letters, digits and '-'");
    }
    StringBuilder b = new StringBuilder();
    b.append("# cluster.yaml: one file describes the hosts and every stack.\n");
    b.append("# Check it with `cfctl validate`; see `cfctl schema` for every field.\n");
    b.append("apiVersion: ").append(Cluster.API_VERSION).append('\n');
    b.append("kind: Cluster\n");
    b.append("metadata:\n  name: ").append(o.clusterName()).append('\n');
    b.append("spec:\n");
    b.append("  hosts:\n");
    for (int i = 0; i < hosts.size(); i++) {
      Address h = hosts.get(i);
      String role;
      if (hosts.size() == 1) {
        role = "single";
      } else if (i < o.controllerCount()) {
        role = o.controllerWorker() ? "controller+worker" : "controller";
      } else {
        role = "worker";
      }
      b.append("    - role: ")
          .append(role)
          .append("   # controller | worker | controller+worker | single\n");
      b.append("      ssh:\n");
      b.append("        address: ").append(quote(h.host())).append('\n');
      b.append("        user: ").append(quote(h.user())).append('\n');
      b.append("        port: ").append(h.port()).append('\n');
      if (o.keyPath() != null) {
        b.append("        keyPath: ").append(quote(o.keyPath())).append('\n');
      } else {
        b.append(
            "        # keyPath: ~/.ssh/id_ed25519   # default: ~/.ssh/id_ed25519, id_rsa, then ssh-agent\n");
      }
      b.append("        # hostKey: \"ssh-ed25519 AAAA...\"   # pin the host key\n");
      if (i == 0) {
        b.append("      # privateInterface: eth1        # or privateAddress: 10.1.0.11\n");
        b.append("      # installFlags: [--debug]\n");
      }
    }
    b.append("  k0s:\n");
    if (o.k0sVersion() != null) {
      b.append("    version: ").append(quote(o.k0sVersion())).append('\n');
    } else {
      b.append(
          "    # version: v1.31.2+k0s.0   # default: the running version, else latest"
              + " stable\n");
    }
    b.append("    config: {}                  # a k0s ClusterConfig\n");
    b.append("  # options:\n");
    b.append("  #   concurrency: { limit: 30, uploads: 5 }\n");
    b.append("  #   drain: { enabled: true, gracePeriod: 2m, timeout: 5m }\n");
    b.append("  gitops:\n");
    b.append("    repository:\n");
    b.append("      url: ")
        .append(quote(o.gitopsUrl()))
        .append("   # or ssh://git@host/org/infra.git\n");
    b.append("      branch: main\n");
    b.append("      path: clusters/")
        .append(o.clusterName())
        .append("   # the folder cfctl owns in the repository\n");
    b.append("  # network: {}        # CoreDNS, MetalLB, Traefik, Multus\n");
    b.append("  # provisioning: {}   # Grendel and the node inventory\n");
    b.append("  # software: {}       # storage, MariaDB, LDAP, SLURM, CVMFS\n");
    return b.toString();
  }

  static Address parse(String text, String defaultUser) {
    Matcher m = ADDRESS.matcher(text);
    if (!m.matches()) {
      throw new InvalidInputException(
          "'" + text + "' is not a host address", "write it as [user@]address[:port]");
    }
    int port = 22;
    if (m.group(3) != null) {
      port = Integer.parseInt(m.group(3));
      if (port < 1 || port > 65535) {
        throw new InvalidInputException("port " + port + " in '" + text + "' is out of range");
      }
    }
    String host = m.group(2).replaceAll("^\\[|\\]$", "");
    return new Address(m.group(1) == null ? defaultUser : m.group(1), host, port);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
