package io.clusterfactory.cfctl.k0s.os;

import io.clusterfactory.cfctl.core.config.v1beta1.Role;
import java.util.List;
import java.util.Set;

/**
 * What differs between OS families for cfctl: which os-release IDs a family covers and where things
 * live. Picked by {@link ConfigurerRegistry}, first match wins.
 *
 * @param family the name used by the host's {@code os:} override, e.g. {@code debian}
 * @param ids os-release IDs (and ID_LIKE entries) of the family
 */
public record Configurer(String family, Set<String> ids) {
  public static final String K0S_CONFIG_PATH = "/etc/k0s/k0s.yaml";
  public static final String JOIN_TOKEN_PATH = "/etc/k0s/k0stoken";

  public boolean matches(String osId) {
    return ids.contains(osId);
  }

  /** The per-host apply lock; /run/lock is a tmpfs, so a reboot drops a stale lock. */
  public String lockPath() {
    return "/run/lock/cfctl.lock";
  }

  public String k0sConfigPath() {
    return K0S_CONFIG_PATH;
  }

  public String joinTokenPath() {
    return JOIN_TOKEN_PATH;
  }

  /** Where `k0s install` puts the service definition, for systemd and OpenRC. */
  public List<String> serviceFiles(Role role) {
    String service = role.isController() ? "k0scontroller" : "k0sworker";
    return List.of("/etc/systemd/system/" + service + ".service", "/etc/init.d/" + service);
  }

  /**
   * One shell script printing {@code key=value} facts: arch, hostname, clock, and the private
   * interface and address. The interface is the one routing to a private range, else the default
   * route's; the address is its first global IPv4 one.
   */
  public String factsScript(String forcedInterface) {
    String iface =
        forcedInterface == null
            ? "iface=$(ip -o route list scope global 2>/dev/null"
                + " | grep -E '(^| )(10|172|192\\.168)\\.' | grep -o 'dev [^ ]*' | head -n1"
                + " | cut -d' ' -f2); [ -n \"$iface\" ] || iface=$(ip -o route show default"
                + " 2>/dev/null | grep -o 'dev [^ ]*' | head -n1 | cut -d' ' -f2)"
            : "iface=" + io.clusterfactory.cfctl.k0s.ssh.ShellQuote.quote(forcedInterface);
    return "echo arch=$(uname -m); echo hostname=$(hostname); echo now=$(date +%s); "
        + iface
        + "; echo iface=$iface; echo address=$(ip -o -4 addr show dev \"$iface\" scope global"
        + " 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | head -n1)";
  }
}
