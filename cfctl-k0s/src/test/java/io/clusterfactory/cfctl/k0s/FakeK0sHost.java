package io.clusterfactory.cfctl.k0s;

import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.k0s.commands.JoinTokens;
import io.clusterfactory.cfctl.k0s.model.InstallFlags;
import io.clusterfactory.cfctl.k0s.model.K0sVersion;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import io.clusterfactory.cfctl.k0s.ssh.ExecResult;
import io.clusterfactory.cfctl.k0s.ssh.RemoteHost;
import io.clusterfactory.cfctl.k0s.ssh.TempFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * A scripted host for unit tests: an in-memory file system and a small model of k0s (installed
 * flags, running version) that answers the commands the phases send. Every command is recorded.
 */
public final class FakeK0sHost implements RemoteHost {
  public static final String K0S = "/usr/local/bin/k0s";
  static final String LOCK = "/run/lock/cfctl.lock";
  public static final String TOKEN_RECORD = "/var/lib/k0s/cfctl-join-tokens";

  final String name;
  final String hostname;
  final String address;
  final Map<String, byte[]> files = new TreeMap<>();
  final List<String> commands = new ArrayList<>();
  boolean root = true;
  boolean sudoWorks = true;
  long clockOffset;
  String runningRole;
  String runningVersion;
  List<String> unitArgs;

  /** Folders made by mkdir -p ... && chmod, with their octal mode. */
  public final Map<String, String> dirs = new TreeMap<>();

  private final List<Map<String, String>> environments = new ArrayList<>();
  private Map<String, String> runningEnvironment = Map.of();
  String unitRole;
  int tokensCreated;
  final List<String> invalidated = new ArrayList<>();
  boolean closed;
  long lockAge;

  public FakeK0sHost(String address, String hostname) {
    this.name = "root@" + address + ":22";
    this.address = address;
    this.hostname = hostname;
  }

  /** A k0s binary whose `k0s version` prints {@code version}. */
  public static byte[] binary(String version) {
    return ("#!/bin/sh\n# fake k0s " + version + "\n").getBytes(StandardCharsets.UTF_8);
  }

  public synchronized List<String> commands() {
    return List.copyOf(commands);
  }

  public synchronized void clearCommands() {
    commands.clear();
    environments.clear();
  }

  public synchronized Map<String, byte[]> files() {
    return new TreeMap<>(files);
  }

  public synchronized void putFile(String path, String content) {
    files.put(path, content.getBytes(StandardCharsets.UTF_8));
  }

  public synchronized String runningVersion() {
    return runningVersion;
  }

  public synchronized String unitRole() {
    return unitRole;
  }

  /** The environment each command of {@link #commands()} ran with. */
  public synchronized List<Map<String, String>> environments() {
    return List.copyOf(environments);
  }

  /** The variables the installed unit's Environment= lines give the k0s service. */
  public synchronized Map<String, String> serviceEnvironment() {
    Map<String, String> env = new java.util.TreeMap<>();
    if (unitRole == null) {
      return env;
    }
    for (String line : text("/etc/systemd/system/k0s" + unitRole + ".service").split("\n")) {
      if (line.startsWith("Environment=")) {
        String a = InstallFlags.split(line.substring(12)).get(0);
        env.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      }
    }
    return env;
  }

  /** The environment the running k0s was started with (null when it does not run). */
  public synchronized Map<String, String> runningEnvironment() {
    return runningVersion == null ? null : runningEnvironment;
  }

  public synchronized List<String> unitArgs() {
    return unitArgs;
  }

  public synchronized int tokensCreated() {
    return tokensCreated;
  }

  public synchronized List<String> invalidated() {
    return List.copyOf(invalidated);
  }

  public boolean closed() {
    return closed;
  }

  public void lockAge(long seconds) {
    lockAge = seconds;
  }

  public void clockOffset(long seconds) {
    clockOffset = seconds;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized ExecResult exec(String command, ExecOptions options) {
    commands.add(command);
    environments.add(options.environment());
    if (options.sudo() && !root && !sudoWorks) {
      throw new io.clusterfactory.cfctl.core.error.OperationFailedException(
          name + ": user deploy is not root and cannot run sudo without a password");
    }
    return answer(command, options);
  }

  /** The compound commands the phases send: token + install + start; validate + rename. */
  private ExecResult answer(String c, ExecOptions options) {
    String install = K0S + " install ";
    if (c.contains(install)) {
      Matcher token = Pattern.compile("cat > (\\S+)\\)").matcher(c);
      if (token.find()) {
        files.put(token.group(1), options.stdin());
      }
      int from = c.indexOf(install);
      int to = c.indexOf(" && " + K0S + " start");
      ExecResult r = k0s(c.substring(from + K0S.length() + 1, to < 0 ? c.length() : to), c);
      if (!r.ok() || to < 0) {
        return r;
      }
      return k0s("start", c);
    }
    if (c.contains(" config validate ") && c.contains(" && mv -f ")) {
      List<String> w = InstallFlags.split(c.substring(c.indexOf(" && mv -f ") + 10));
      files.put(w.get(1), files.remove(w.get(0)));
      return ok("");
    }
    if (c.startsWith("printf '%s' ")) {
      List<String> w = InstallFlags.split(c.substring(12));
      files.put(w.get(2), w.get(0).getBytes(StandardCharsets.UTF_8));
      return ok("");
    }
    return answer(c);
  }

  private ExecResult ok(String out) {
    return new ExecResult(0, out, "");
  }

  private ExecResult answer(String c) {
    if (c.startsWith("t=$(") && c.contains(" token create ")) {
      tokensCreated++;
      String id = "abc" + tokensCreated;
      String role = c.contains("--role=controller") ? "controller" : "worker";
      String before = files.containsKey(TOKEN_RECORD) ? text(TOKEN_RECORD) : "";
      putFile(TOKEN_RECORD, before + id + " " + role + " 1764086400\n");
      return ok(token(id) + "\n");
    }
    if (c.startsWith("echo '@@cfctl mirror-files'")) {
      return ok(mirrorFiles(c));
    }
    if (c.contains("@@cfctl temp")) {
      return ok(leftovers());
    }
    if (c.startsWith("[ -d ") && c.contains("ls -A")) {
      return new ExecResult(1, "", ""); // the fake has no empty folders
    }
    if (c.startsWith("if [ -f ") && c.contains("sed -i")) {
      forget(c);
      return ok("");
    }
    if (c.startsWith("[ -d ")) {
      String dir = InstallFlags.split(c).get(2);
      return ok(dirs.containsKey(dir) ? dirs.get(dir) + "\n" : "");
    }
    Matcher mkdir = Pattern.compile("^mkdir -p (\\S+) && chmod (\\d+) \\S+$").matcher(c);
    if (mkdir.find()) {
      dirs.put(unquote(mkdir.group(1)), Integer.toOctalString(Integer.parseInt(mkdir.group(2), 8)));
      return ok("");
    }
    Matcher chmod = Pattern.compile("^chmod (\\d+) (\\S+)$").matcher(c);
    if (chmod.find() && dirs.containsKey(unquote(chmod.group(2)))) {
      dirs.put(unquote(chmod.group(2)), Integer.toOctalString(Integer.parseInt(chmod.group(1), 8)));
      return ok("");
    }
    if (c.contains("os-release")) {
      return ok("ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n");
    }
    if (c.contains("echo arch=")) {
      return ok(
          "arch=x86_64\nhostname="
              + hostname
              + "\nnow="
              + (System.currentTimeMillis() / 1000 + clockOffset)
              + "\niface=eth0\naddress="
              + address
              + "\n");
    }
    if (c.contains("set -C")) {
      if (files.containsKey(LOCK)) {
        return ok("HELD " + lockAge + "\n" + text(LOCK));
      }
      Matcher m = Pattern.compile("printf '%s\\\\n' '([^']*)'").matcher(c);
      m.find();
      files.put(LOCK, (m.group(1) + "\n").getBytes(StandardCharsets.UTF_8));
      return ok("ACQUIRED\n");
    }
    if (c.contains("ABSENT")) {
      return files.containsKey(LOCK) ? ok("HELD " + lockAge + "\n" + text(LOCK)) : ok("ABSENT\n");
    }
    if (c.startsWith("[ \"$(cat")) {
      Matcher m = Pattern.compile("= '([^']*)' \\] && rm -f (\\S+);").matcher(c);
      if (m.find()
          && files.containsKey(m.group(2))
          && text(m.group(2)).strip().equals(m.group(1))) {
        files.remove(m.group(2));
      }
      return ok("");
    }
    if (c.startsWith("grep -qF")) {
      return ok("");
    }
    if (c.contains("@@cfctl")) {
      return ok(facts());
    }
    String k0s = K0S + " ";
    if (c.startsWith(k0s)) {
      return k0s(c.substring(k0s.length()), c);
    }
    if (c.startsWith("ls -1 -- ")) {
      String dir = unquote(c.substring(9, c.indexOf(" 2>/dev/null"))) + "/";
      java.util.TreeSet<String> names = new java.util.TreeSet<>();
      for (String p : files.keySet()) {
        if (p.startsWith(dir)) {
          String rest = p.substring(dir.length());
          names.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
        }
      }
      return ok(names.isEmpty() ? "" : String.join("\n", names) + "\n");
    }
    if (c.contains("rm -rf -- ")) {
      String dir = unquote(c.substring(c.indexOf("rm -rf -- ") + 10));
      files.keySet().removeIf(p -> p.startsWith(dir + "/"));
      return ok("");
    }
    if (c.startsWith("rm -f ")) {
      String rest = c.substring(6);
      files.remove(unquote(rest.startsWith("-- ") ? rest.substring(3) : rest));
      return ok("");
    }
    if (c.startsWith("mv -f ")) {
      List<String> w = InstallFlags.split(c.substring(6));
      files.put(w.get(1), files.remove(w.get(0)));
      return ok("");
    }
    if (c.startsWith("[ -e ")) {
      return new ExecResult(exists(InstallFlags.split(c).get(2)) ? 0 : 1, "", "");
    }
    if (c.contains("stat -c")) {
      String path = InstallFlags.split(c).get(2);
      if (!files.containsKey(path)) {
        return ok("");
      }
      return ok("644 root:root\n" + sha(files.get(path)) + "\n");
    }
    return ok("");
  }

  /** Answers ConfigureRegistryMirrors' probe: the sha256 of each file named, the hosts folder. */
  private String mirrorFiles(String c) {
    StringBuilder out = new StringBuilder("@@cfctl mirror-files\n");
    String list = c.substring(c.indexOf("for f in ") + 9, c.indexOf("; do "));
    for (String path : InstallFlags.split(list)) {
      if (files.containsKey(path)) {
        out.append("@@cfctl file ").append(path).append('\n');
        out.append(sha(files.get(path))).append("  -\n");
      }
    }
    String dir = "/etc/k0s/cfctl-registries.d/";
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    for (String p : files.keySet()) {
      if (p.startsWith(dir)) {
        String rest = p.substring(dir.length());
        names.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
      }
    }
    if (!names.isEmpty()) {
      out.append("@@cfctl hosts\n");
      names.forEach(n -> out.append(n).append('\n'));
    }
    return out.toString();
  }

  private ExecResult k0s(String args, String full) {
    List<String> w = InstallFlags.split(args);
    switch (w.get(0)) {
      case "status":
        if (runningVersion == null) {
          return new ExecResult(1, "", "Error: status: can't get \"status\"");
        }
        return ok(statusJson());
      case "version":
        return ok(version() + "\n");
      case "install":
        boolean force = w.contains("--force");
        if (unitRole != null && !force) {
          return new ExecResult(1, "", "Error: init already exists");
        }
        unitRole = w.get(1);
        // like k0s: --env goes into the unit's Environment= lines, not into ExecStart
        unitArgs =
            w.subList(2, w.size()).stream()
                .filter(a -> !a.equals("--force") && !a.startsWith("--env="))
                .toList();
        List<String> env =
            w.stream().filter(a -> a.startsWith("--env=")).map(a -> a.substring(6)).toList();
        files.put(
            "/etc/systemd/system/k0s" + unitRole + ".service",
            ("[Service]\n"
                    + env.stream()
                        .map(e -> "Environment=\"" + e + "\"\n")
                        .collect(java.util.stream.Collectors.joining())
                    + "ExecStart="
                    + K0S
                    + " "
                    + unitRole
                    + " "
                    + String.join(
                        " ",
                        unitArgs.stream().map(a -> a.contains(" ") ? "\"" + a + "\"" : a).toList())
                    + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return ok("");
      case "start":
        runningRole = unitRole;
        runningVersion = version();
        runningEnvironment = serviceEnvironment();
        return ok("");
      case "stop":
        runningVersion = null;
        return ok("");
      case "token":
        if (w.get(1).equals("list")) {
          StringBuilder list = new StringBuilder("ID       ROLE         EXPIRES AT\n");
          for (int i = 1; i <= tokensCreated; i++) {
            if (!invalidated.contains("abc" + i)) {
              list.append("abc").append(i).append("     worker       2026-12-02T08:00:00Z\n");
            }
          }
          return ok(list.toString());
        }
        StringBuilder out = new StringBuilder();
        for (String id : w.subList(2, w.size())) {
          if (id.equals("&&")) {
            break;
          }
          invalidated.add(id);
          out.append("token ").append(id).append(" deleted successfully\n");
        }
        if (full.contains("sed -i")) {
          forget(full);
        }
        return ok(out.toString());
      case "config":
        if (w.get(1).equals("create")) {
          return ok(
              "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nmetadata:\n"
                  + "  name: k0s\nspec:\n  api:\n    port: 6443\n");
        }
        return ok("");
      case "kubeconfig":
        return ok(
            "apiVersion: v1\nclusters:\n- cluster:\n    server: https://localhost:6443\n"
                + "    certificate-authority-data: Q0E=\n  name: local\ncontexts:\n- context:\n"
                + "    cluster: local\n    user: user\n  name: Default\ncurrent-context: Default\n"
                + "kind: Config\npreferences: {}\nusers:\n- name: user\n  user:\n"
                + "    client-key-data: S0VZ\n");
      case "reset":
        unitRole = null;
        unitArgs = null;
        files.keySet().removeIf(p -> p.startsWith("/etc/systemd/") || p.startsWith("/etc/k0s/"));
        return ok("");
      default:
        return ok("");
    }
  }

  /** What the clean-up phase's probe prints: temp files, seed folders, a live token, the record. */
  private String leftovers() {
    StringBuilder out = new StringBuilder("@@cfctl temp\n");
    files.keySet().stream().filter(TempFiles::isTemp).forEach(p -> out.append(p).append('\n'));
    out.append("@@cfctl seed\n");
    files.keySet().stream()
        .filter(p -> p.startsWith("/run/cfctl-seed-"))
        .map(p -> p.substring(0, p.indexOf('/', "/run/cfctl-seed-".length())))
        .distinct()
        .forEach(p -> out.append(p).append('\n'));
    out.append("@@cfctl token\n");
    String tokenFile = "/etc/k0s/k0stoken";
    if (files.containsKey(tokenFile)
        && !text(tokenFile).strip().equals(JoinTokens.USED_TOKEN.strip())) {
      out.append("live\n");
    }
    out.append("@@cfctl tokens\n");
    if (files.containsKey(TOKEN_RECORD)) {
      out.append(text(TOKEN_RECORD));
    }
    return out.toString();
  }

  /** Runs the record's {@code sed -i '/^<id> /d'} lines and drops the record once empty. */
  private void forget(String c) {
    if (!files.containsKey(TOKEN_RECORD)) {
      return;
    }
    String record = text(TOKEN_RECORD);
    Matcher m = Pattern.compile("sed -i '/\\^([a-z0-9]+) /d'").matcher(c);
    while (m.find()) {
      String id = m.group(1);
      record =
          record
              .lines()
              .filter(l -> !l.startsWith(id + " "))
              .map(l -> l + "\n")
              .reduce("", String::concat);
    }
    if (record.isEmpty()) {
      files.remove(TOKEN_RECORD);
    } else {
      putFile(TOKEN_RECORD, record);
    }
  }

  String version() {
    return files.containsKey(K0S) ? K0sVersion.find(text(K0S)).toString() : null;
  }

  private String statusJson() {
    boolean workloads =
        !"controller".equals(runningRole)
            || unitArgs.stream().anyMatch(a -> a.startsWith("--enable-worker"));
    StringBuilder args = new StringBuilder("\"" + K0S + "\", \"" + runningRole + "\"");
    for (String a : unitArgs) {
      args.append(", \"").append(a.replace("\"", "\\\"")).append('"');
    }
    return "{\"Version\": \""
        + runningVersion
        + "\", \"Pid\": 42, \"Role\": \""
        + (runningRole.equals("controller") && workloads ? "controller+worker" : runningRole)
        + "\", \"Workloads\": "
        + workloads
        // k0s reports a --single controller as a controller with workloads and SingleNode
        + ", \"SingleNode\": "
        + unitArgs.stream().anyMatch(a -> a.startsWith("--single"))
        + ", \"Args\": ["
        + args
        + "]}";
  }

  private String facts() {
    StringBuilder out = new StringBuilder();
    if (files.containsKey(K0S)) {
      out.append("@@cfctl sha\n").append(sha(files.get(K0S))).append('\n');
      out.append("@@cfctl version\n").append(version()).append('\n');
      out.append("@@cfctl status\n")
          .append(runningVersion == null ? "" : statusJson())
          .append('\n');
    }
    if (unitRole != null) {
      out.append("@@cfctl unit\n").append(text("/etc/systemd/system/k0s" + unitRole + ".service"));
    }
    if (files.containsKey("/etc/k0s/k0s.yaml")) {
      out.append("@@cfctl config\n").append(text("/etc/k0s/k0s.yaml"));
    }
    return out.toString();
  }

  static String token(String id) {
    String kubeconfig =
        "apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.0.0.1:6443\n"
            + "  name: k0s\nusers:\n- name: kubelet-bootstrap\n  user:\n    token: "
            + id
            + ".secretsecret\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(kubeconfig.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  @Override
  public synchronized void upload(Path local, String remotePath, int mode) {
    try {
      commands.add("<upload " + remotePath + ">");
      environments.add(Map.of());
      files.put(remotePath, Files.readAllBytes(local));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void upload(InputStream content, long size, String remotePath, int mode) {
    try {
      commands.add("<upload " + remotePath + ">");
      environments.add(Map.of());
      files.put(remotePath, content.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void writeFile(String remotePath, String content, int mode) {
    commands.add("<write " + remotePath + ">");
    environments.add(Map.of());
    files.put(remotePath, content.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public synchronized Optional<String> sha256(String remotePath) {
    return Optional.ofNullable(files.get(remotePath)).map(FakeK0sHost::sha);
  }

  @Override
  public synchronized Optional<String> readFile(String remotePath) {
    return Optional.ofNullable(files.get(remotePath))
        .map(b -> new String(b, StandardCharsets.UTF_8));
  }

  @Override
  public synchronized boolean exists(String path) {
    return files.containsKey(path);
  }

  @Override
  public boolean isRoot() {
    return root;
  }

  @Override
  public void close() {
    closed = true;
  }

  public synchronized String text(String path) {
    return new String(files.get(path), StandardCharsets.UTF_8);
  }

  private static String unquote(String s) {
    List<String> w = InstallFlags.split(s);
    return w.isEmpty() ? s : w.get(0);
  }

  static String sha(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A connector handing out these fakes by address; addresses in {@code down} are unreachable. */
  public static HostConnector connector(Map<String, FakeK0sHost> hosts, List<String> down) {
    return (host, settings, acceptNew) -> {
      String address = host.ssh().address();
      if (down.contains(address)) {
        throw new UnreachableException(
            host.displayName(), host.displayName() + ": connection refused", null);
      }
      FakeK0sHost h = hosts.get(address);
      h.closed = false;
      return h;
    };
  }
}
