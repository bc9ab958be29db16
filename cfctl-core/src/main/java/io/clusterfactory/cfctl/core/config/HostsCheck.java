package io.clusterfactory.cfctl.core.config;

import inet.ipaddr.IPAddressString;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.config.v1beta1.OpenSshSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Role;
import io.clusterfactory.cfctl.core.config.v1beta1.SshSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.UploadFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks of spec.hosts and spec.k0s: the k0sctl rules, plus cfctl's stricter ones. */
public final class HostsCheck implements ClusterCheck {
  /** k0s versions: 1.31.2+k0s.0, v1.31.2+k0s.0, v1.32.0-rc.1+k0s.0. */
  static final Pattern K0S_VERSION =
      Pattern.compile("^v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+k0s\\.\\d+)?$");

  private static final Pattern LOOKS_LIKE_IPV4 = Pattern.compile("^[0-9.]+$");

  @Override
  public void check(Cluster cluster, Context ctx) {
    Problems problems = ctx.problems();
    List<Host> hosts = cluster.spec().hosts();
    if (hosts == null || hosts.isEmpty()) {
      problems.error(
          "spec.hosts", "at least one host is required", "add a host with role: controller");
      return;
    }
    Map<String, Integer> endpoints = new HashMap<>();
    Map<String, Integer> hostnames = new HashMap<>();
    boolean anyController = false;
    boolean allRolesKnown = true;
    for (int i = 0; i < hosts.size(); i++) {
      Host h = hosts.get(i);
      String path = "spec.hosts[" + i + "]";
      if (h == null) {
        problems.error(path, "empty host entry");
        continue;
      }
      if (h.role() == null) {
        allRolesKnown = false;
        problems.error(
            path + ".role",
            "role is required",
            "use one of controller | worker | controller+worker | single");
      } else if (h.role().isController()) {
        anyController = true;
      }
      if (h.role() == Role.SINGLE && hosts.size() > 1) {
        problems.error(
            path + ".role",
            "role 'single' is only valid when it is the only host (there are " + hosts.size() + ")",
            "use controller+worker for a multi-host cluster");
      }
      if (h.noTaints()
          && h.role() != null
          && h.role() != Role.CONTROLLER_WORKER
          && h.role() != Role.SINGLE) {
        problems.error(
            path + ".noTaints", "noTaints is only valid with role controller+worker", null);
      }
      int protocols =
          (h.ssh() != null ? 1 : 0)
              + (h.openSsh() != null ? 1 : 0)
              + (h.isLocalhost() ? 1 : 0)
              + (h.winRm() != null ? 1 : 0);
      if (protocols == 0) {
        problems.error(
            path, "no connection configured", "add an ssh: block with an address, or localhost");
      } else if (protocols > 1) {
        problems.error(
            path,
            "more than one connection configured (ssh, openSSH, localhost)",
            "keep exactly one");
      }
      if (h.winRm() != null) {
        problems.error(path + ".winRM", "Windows hosts are not supported by cfctl", null);
      }
      if (h.openSsh() != null) {
        checkOpenSsh(h.openSsh(), path + ".openSSH", problems);
      }
      checkEnvironment(h, path, problems);
      checkNodeSettings(h, path, problems);
      checkHooks(h, path, problems);
      if (h.ssh() != null) {
        checkSsh(h.ssh(), path + ".ssh", ctx);
        if (h.ssh().address() != null) {
          String endpoint = h.ssh().address() + ":" + h.ssh().port();
          Integer first = endpoints.putIfAbsent(endpoint, i);
          if (first != null) {
            problems.error(
                path + ".ssh.address",
                "duplicate host address " + endpoint + " (also spec.hosts[" + first + "])",
                "every host needs its own address + port");
          }
        }
      }
      if (h.hostname() != null && !h.hostname().isBlank()) {
        // Node names are DNS names: the cluster would see one node for both hosts.
        Integer first = hostnames.putIfAbsent(h.hostname().toLowerCase(java.util.Locale.ROOT), i);
        if (first != null) {
          problems.error(
              path + ".hostname",
              "duplicate hostname " + h.hostname() + " (also spec.hosts[" + first + "])",
              "every host needs its own hostname: it is the node's name in the cluster");
        }
      }
      if (h.privateAddress() != null && !isIp(h.privateAddress())) {
        problems.error(
            path + ".privateAddress", "'" + h.privateAddress() + "' is not an IP address", null);
      }
      List<String> flags = h.installFlags();
      for (int f = 0; f < flags.size(); f++) {
        String flag = flags.get(f);
        if (!balancedQuotes(flag)) {
          problems.error(
              path + ".installFlags[" + f + "]",
              "unbalanced quotes in " + flag,
              "close the quote, e.g. --labels=\"a=b,c=d\"");
        }
      }
      if (h.useExistingK0s() && (h.uploadBinary() || h.k0sDownloadUrl() != null)) {
        problems.error(
            path + ".useExistingK0s",
            "useExistingK0s excludes uploadBinary, k0sBinaryPath and k0sDownloadURL",
            null);
      }
      if (h.k0sBinaryPath() != null && !Files.isRegularFile(Path.of(h.k0sBinaryPath()))) {
        ctx.localFileMissing(
            path + ".k0sBinaryPath", "file " + h.k0sBinaryPath() + " does not exist here", null);
      }
      for (int f = 0; f < h.files().size(); f++) {
        checkFile(h.files().get(f), path + ".files[" + f + "]", ctx);
      }
    }
    if (!anyController && allRolesKnown) {
      problems.error(
          "spec.hosts",
          "no controller: at least one host needs role controller, controller+worker or single",
          null);
    }
    String version = cluster.spec().k0s().version();
    if (version != null && !K0S_VERSION.matcher(version).matches()) {
      problems.error(
          "spec.k0s.version",
          "'" + version + "' is not a k0s version",
          "write it like v1.31.2+k0s.0");
    }
    String channel = cluster.spec().k0s().versionChannel();
    if (!channel.equals("stable") && !channel.equals("latest")) {
      problems.error(
          "spec.k0s.versionChannel",
          "invalid value '" + channel + "'",
          "expected one of stable | latest");
    }
    Object cfg = cluster.spec().k0s().config();
    if (cfg instanceof Map<?, ?> m
        && m.containsKey("kind")
        && !"ClusterConfig".equals(m.get("kind"))
        && !"Cluster".equals(m.get("kind"))) {
      problems.error("spec.k0s.config.kind", "expected ClusterConfig, got " + m.get("kind"), null);
    }
    int limit = cluster.spec().options().concurrency().limit();
    if (limit < 0) {
      problems.error("spec.options.concurrency.limit", "must be 0 (unlimited) or more", null);
    }
    int pct = cluster.spec().options().concurrency().workerDisruptionPercent();
    if (pct < 0 || pct > 100) {
      problems.error(
          "spec.options.concurrency.workerDisruptionPercent", "must be between 0 and 100", null);
    }
    if (cluster.spec().options().concurrency().uploads() < 1) {
      problems.error("spec.options.concurrency.uploads", "must be 1 or more", null);
    }
    var evict = cluster.spec().options().evictTaint();
    if (!evict.taint().matches("[^=:\\s]+=[^=:\\s]*")) {
      problems.error(
          "spec.options.evictTaint.taint",
          "'" + evict.taint() + "' is not a key=value taint",
          "write it as key=value, e.g. " + ClusterDefaults.EVICT_TAINT);
    }
    if (!List.of("NoExecute", "NoSchedule", "PreferNoSchedule").contains(evict.effect())) {
      problems.error(
          "spec.options.evictTaint.effect",
          "'" + evict.effect() + "' is not a taint effect",
          "use NoExecute, NoSchedule or PreferNoSchedule");
    }
  }

  private static void checkSsh(SshSpec ssh, String path, Context ctx) {
    Problems problems = ctx.problems();
    if (ssh.address() == null || ssh.address().isBlank()) {
      problems.error(path + ".address", "address is required", "set the host's IP or DNS name");
    } else if (LOOKS_LIKE_IPV4.matcher(ssh.address()).matches() && !isIp(ssh.address())) {
      problems.error(path + ".address", "'" + ssh.address() + "' is not a valid IP address", null);
    } else if (ssh.address().contains(":") && !isIp(ssh.address())) {
      problems.error(
          path + ".address",
          "'" + ssh.address() + "' is not a valid address",
          "put the port in ssh.port, not in the address");
    }
    if (ssh.port() != null && (ssh.port() < 1 || ssh.port() > 65535)) {
      problems.error(path + ".port", "port " + ssh.port() + " is out of range 1-65535", null);
    }
    if (ssh.keyPath() != null && !Files.exists(Path.of(ssh.keyPath()))) {
      ctx.localFileMissing(
          path + ".keyPath",
          "key file " + ssh.keyPath() + " does not exist on this machine",
          "create it or fix the path before apply");
    }
    if (ssh.hostKey() != null && ssh.hostKey().trim().split("\\s+").length < 2) {
      problems.error(
          path + ".hostKey",
          "host key must be 'TYPE BASE64', e.g. 'ssh-ed25519 AAAA...'",
          "copy the line from the host's /etc/ssh/ssh_host_ed25519_key.pub");
    }
    if (ssh.bastion() != null) {
      checkSsh(ssh.bastion(), path + ".bastion", ctx);
    }
  }

  private static void checkFile(UploadFile f, String path, Context ctx) {
    Problems problems = ctx.problems();
    if (f == null) {
      problems.error(path, "empty file entry");
      return;
    }
    if (f.src() == null && f.data() == null) {
      problems.error(path, "src or data is required", null);
    }
    if (f.dst() == null && f.dstDir() == null) {
      problems.error(path, "dst or dstDir is required", null);
    }
    if (f.perm() != null && !f.perm().matches("0?[0-7]{3,4}")) {
      problems.error(path + ".perm", "'" + f.perm() + "' is not an octal mode", "e.g. \"0644\"");
    }
    if (f.dirPerm() != null && !f.dirPerm().matches("0?[0-7]{3,4}")) {
      problems.error(
          path + ".dirPerm", "'" + f.dirPerm() + "' is not an octal mode", "e.g. \"0755\"");
    }
    if (f.src() != null
        && !f.src().contains("://")
        && !f.src().contains("*")
        && !Files.exists(Path.of(f.src()))) {
      ctx.localFileMissing(path + ".src", "file " + f.src() + " does not exist here", null);
    }
  }

  static boolean isIp(String s) {
    return new IPAddressString(s).isIPAddress();
  }

  /** Quotes as a shell reads them: single quotes are literal, double quotes honour backslash. */
  static boolean balancedQuotes(String s) {
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == 0) {
        if (c == '\\') {
          i++;
        } else if (c == '"' || c == '\'') {
          quote = c;
        }
      } else if (c == '\\' && quote == '"') {
        i++;
      } else if (c == quote) {
        quote = 0;
      }
    }
    return quote == 0;
  }

  /** The actions cfctl runs hooks for: k0sctl's apply and reset. */
  static final List<String> HOOK_ACTIONS = List.of("apply", "reset");

  /** Documented by k0sctl, without a cfctl command that would run them yet. */
  private static final List<String> HOOK_ACTIONS_NOT_RUN = List.of("backup");

  /**
   * cfctl opens openSSH hosts with its own SSH client (sshj), as it does ssh hosts: address, user,
   * port and keyPath map onto it; the settings of the OpenSSH client itself would be ignored.
   */
  private static void checkOpenSsh(OpenSshSpec o, String path, Problems problems) {
    String hint =
        "cfctl does not run the OpenSSH client, it connects with sshj: remove the field; address,"
            + " user, port and keyPath are used as given, a jump host goes in ssh.bastion";
    if (o.configPath() != null) {
      problems.error(path + ".configPath", "an ssh_config file is not read by cfctl", hint);
    }
    if (o.options() != null && !o.options().isEmpty()) {
      problems.error(path + ".options", "OpenSSH client options are not applied by cfctl", hint);
    }
    if (o.disableMultiplexing() != null) {
      problems.error(
          path + ".disableMultiplexing",
          "OpenSSH connection multiplexing is not used by cfctl (it keeps one connection per host"
              + " and opens a channel per command)",
          hint);
    }
  }

  /** The variables are exported in a shell and written into the k0s service definition. */
  private static void checkEnvironment(Host h, String path, Problems problems) {
    if (h.environment() == null) {
      return;
    }
    h.environment()
        .forEach(
            (name, value) -> {
              if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.error(
                    path + ".environment." + name,
                    "'" + name + "' is not an environment variable name",
                    "use letters, digits and _, not starting with a digit");
              } else if (value != null && (value.contains("\n") || value.contains("\r"))) {
                problems.error(
                    path + ".environment." + name,
                    "the value holds a line break",
                    "give it on one line: it is written into the k0s service definition");
              }
            });
  }

  private static void checkHooks(Host h, String path, Problems problems) {
    if (h.hooks() == null) {
      return;
    }
    for (String action : h.hooks().keySet()) {
      String at = SourceMap.child(path + ".hooks", action);
      if (HOOK_ACTIONS_NOT_RUN.contains(action)) {
        problems.keyError(
            at,
            "cfctl has no " + action + " command yet, so these hooks would never run",
            "remove hooks."
                + action
                + "; cfctl runs hooks for "
                + String.join(" and ", HOOK_ACTIONS));
      } else if (!HOOK_ACTIONS.contains(action)) {
        problems.keyError(
            at,
            "unknown hook action '" + action + "'",
            "cfctl runs hooks for "
                + String.join(" and ", HOOK_ACTIONS)
                + ", each with before and after");
      }
    }
  }

  /** Labels and taints are written to the Node as given: invalid ones would be refused there. */
  private static void checkNodeSettings(Host h, String path, Problems problems) {
    if (h.role() == Role.CONTROLLER && (!h.labels().isEmpty() || !h.taints().isEmpty())) {
      problems.error(
          path + (h.labels().isEmpty() ? ".taints" : ".labels"),
          "a controller without a worker has no Node to label or taint",
          "use role controller+worker, or move the labels and taints to a worker");
    }
    for (Map.Entry<String, String> label : h.labels().entrySet()) {
      String at = path + ".labels." + label.getKey();
      if (!NodeTaint.isName(label.getKey())) {
        problems.error(
            at,
            "'" + label.getKey() + "' is not a valid label key",
            "use [prefix/]name: name up to 63 characters of letters, digits, '-', '_', '.'");
      }
      if (label.getValue() == null || !NodeTaint.isValue(label.getValue())) {
        problems.error(
            at,
            "'" + label.getValue() + "' is not a valid label value",
            "up to 63 characters of letters, digits, '-', '_', '.', starting and ending with a"
                + " letter or digit; quote it if YAML reads it as something else");
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int t = 0; t < h.taints().size(); t++) {
      String at = path + ".taints[" + t + "]";
      try {
        NodeTaint taint = NodeTaint.parse(h.taints().get(t));
        Integer first = seen.putIfAbsent(taint.identity(), t);
        if (first != null) {
          problems.error(
              at,
              "a second taint " + taint.identity() + " (also " + path + ".taints[" + first + "])",
              "a Node has one taint per key and effect: keep one");
        }
      } catch (IllegalArgumentException e) {
        problems.error(at, e.getMessage(), "write key=value:Effect or key:Effect");
      }
    }
  }
}
