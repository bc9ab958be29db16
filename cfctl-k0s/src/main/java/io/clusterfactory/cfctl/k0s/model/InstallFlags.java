package io.clusterfactory.cfctl.k0s.model;

import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.config.v1beta1.Role;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the {@code k0s install} command of a host and tells whether an installed service was
 * installed with different flags (then the host is reinstalled).
 */
public final class InstallFlags {
  /** Flags whose value legitimately differs between install and run, as k0sctl ignores them. */
  private static final Set<String> IGNORED =
      Set.of("--force", "--token-file", "--config", "--data-dir");

  private static final Set<String> ROLE_FLAGS =
      Set.of("--enable-worker", "--single", "--no-taints");

  private InstallFlags() {}

  /** {@code controller} or {@code worker}: the k0s subcommand for a role. */
  public static String service(Role role) {
    return role.isController() ? "controller" : "worker";
  }

  /**
   * The flags of a host's {@code k0s install}, deterministic for the same inputs.
   *
   * @param withToken the host joins with a token file (every host but the first controller)
   * @param dynamicConfig spec.k0s.dynamicConfig: controllers run with --enable-dynamic-config
   */
  public static List<String> expected(
      Host host,
      String privateAddress,
      String configPath,
      String tokenPath,
      boolean withToken,
      boolean dynamicConfig) {
    List<String> flags = new ArrayList<>();
    // installFlags are shell words, as in k0sctl (`--labels="zone=a"` reaches k0s as
    // --labels=zone=a): split them here, so k0s gets what a shell would pass and the flags read
    // back from the service file compare equal
    for (String raw : host.installFlags()) {
      for (String f : split(raw)) {
        String key = key(f);
        if (!ROLE_FLAGS.contains(key) && !key.equals("--data-dir")) {
          flags.add(f);
        }
      }
    }
    flags.add("--data-dir=" + host.dataDir());
    if (host.kubeletRootDir() != null) {
      flags.add("--kubelet-root-dir=" + host.kubeletRootDir());
    }
    Role role = host.role();
    if (role == Role.CONTROLLER_WORKER) {
      flags.add("--enable-worker=true");
      if (Boolean.TRUE.equals(host.noTaints())) {
        flags.add("--no-taints=true");
      }
    }
    if (role == Role.SINGLE) {
      flags.add("--single=true");
    }
    if (role.isController()) {
      flags.add("--config=" + configPath);
      if (dynamicConfig) {
        flags.add("--enable-dynamic-config=true");
      }
    }
    // k0s writes these into the service definition (systemd Environment=, OpenRC export): the
    // k0s process sees them, and a change reinstalls the service like any other flag
    if (host.environment() != null) {
      new TreeMap<>(host.environment()).forEach((k, v) -> flags.add("--env=" + k + "=" + v));
    }
    if (withToken) {
      flags.add("--token-file=" + tokenPath);
    }
    if (role.runsWorkloads() && role != Role.SINGLE) {
      List<String> kubelet = new ArrayList<>();
      if (privateAddress != null && !privateAddress.isEmpty()) {
        kubelet.add("--node-ip=" + privateAddress);
      }
      if (host.hostname() != null) {
        kubelet.add("--hostname-override=" + host.hostname().toLowerCase());
      }
      if (!kubelet.isEmpty()
          && host.installFlags().stream().noneMatch(f -> f.startsWith("--kubelet-extra-args"))) {
        flags.add("--kubelet-extra-args=" + String.join(" ", kubelet));
      }
    }
    return List.copyOf(flags);
  }

  /** {@code k0s install <service> <flags> [--force]}, shell-quoted. */
  public static String installCommand(String k0s, Role role, List<String> flags, boolean force) {
    List<String> words = new ArrayList<>();
    words.add(k0s);
    words.add("install");
    words.add(service(role));
    words.addAll(flags);
    if (force) {
      words.add("--force");
    }
    return ShellQuote.join(words);
  }

  /** Whether the installed flags differ from the expected ones, ignoring order and paths. */
  public static boolean differ(List<String> expected, List<String> installed) {
    return !normalize(expected).equals(normalize(installed));
  }

  static Set<String> normalize(List<String> flags) {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < flags.size(); i++) {
      String f = flags.get(i);
      if (!f.startsWith("-")) {
        continue;
      }
      String key = key(f);
      String value = f.contains("=") ? f.substring(f.indexOf('=') + 1) : null;
      if (value == null && i + 1 < flags.size() && !flags.get(i + 1).startsWith("-")) {
        value = flags.get(++i);
      }
      if (IGNORED.contains(key)) {
        continue;
      }
      if (key.equals("--kubelet-extra-args") && value != null) {
        String[] parts = value.replace("\"", "").strip().split("\\s+");
        Arrays.sort(parts);
        value = String.join(" ", parts);
      }
      if (value == null || value.equals("true")) {
        out.add(key);
      } else {
        out.add(key + "=" + value);
      }
    }
    return out;
  }

  private static String key(String flag) {
    int eq = flag.indexOf('=');
    return eq < 0 ? flag : flag.substring(0, eq);
  }

  /**
   * The k0s arguments of an installed service file: systemd {@code ExecStart=} or OpenRC {@code
   * command_args=}; words are split as a shell would, quotes removed. Empty when none is found.
   */
  public static List<String> fromServiceFile(String content) {
    List<String> args = null;
    List<String> env = new ArrayList<>();
    for (String line : content.split("\n")) {
      String l = line.strip();
      if (args == null && l.startsWith("ExecStart=")) {
        List<String> words = split(l.substring("ExecStart=".length()));
        // drop the binary and the "controller"/"worker" subcommand
        args = words.size() <= 2 ? List.of() : words.subList(2, words.size());
      } else if (args == null && l.startsWith("command_args=")) {
        List<String> words = split(unquoteOnce(l.substring("command_args=".length())));
        args = words.isEmpty() ? List.of() : words.subList(1, words.size());
      } else if (l.startsWith("Environment=")) {
        // systemd: Environment="A=1" "B=2" (or unquoted), one or more assignments per line
        for (String a : split(l.substring("Environment=".length()))) {
          if (a.contains("=")) {
            env.add("--env=" + a);
          }
        }
      } else if (l.startsWith("export ")) {
        // OpenRC: export A="1"
        for (String a : split(l.substring("export ".length()))) {
          if (a.contains("=")) {
            env.add("--env=" + a);
          }
        }
      }
    }
    List<String> out = new ArrayList<>(args == null ? List.of() : args);
    out.addAll(env);
    return List.copyOf(out);
  }

  private static String unquoteOnce(String s) {
    String t = s.strip();
    if (t.length() >= 2
        && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  /** Splits words like a POSIX shell: single and double quotes group, backslash escapes. */
  public static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
          cur.append(text.charAt(++i));
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < text.length()) {
        cur.append(text.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(cur.toString());
    }
    return words;
  }
}
