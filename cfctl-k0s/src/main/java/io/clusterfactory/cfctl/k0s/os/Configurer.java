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
    // few processes: every run starts this on every host, and on a loaded host each fork counts
    // (the hostname is the kernel's, as `hostname` prints it; one awk replaces grep|head|cut)
    String dev = "{ for (i = 1; i < NF; i++) if ($i == \"dev\") { print $(i + 1); exit } }";
    String iface =
        forcedInterface == null
            ? "dev='"
                + dev
                + "'; iface=$(ip -o route list scope global 2>/dev/null"
                + " | awk \"/(^| )(10|172|192\\\\.168)\\\\./ $dev\"); [ -n \"$iface\" ] ||"
                + " iface=$(ip -o route show default 2>/dev/null | awk \"$dev\")"
            : "iface=" + io.clusterfactory.cfctl.k0s.ssh.ShellQuote.quote(forcedInterface);
    return "echo arch=$(uname -m); { read -r hn < /proc/sys/kernel/hostname; } 2>/dev/null"
        + " || hn=$(hostname); echo hostname=$hn; echo now=$(date +%s); "
        + iface
        + "; echo iface=$iface; echo address=$(ip -o -4 addr show dev \"$iface\" scope global"
        + " 2>/dev/null | awk '{ split($4, a, \"/\"); print a[1]; exit }')";
  }
}
