package io.clusterfactory.cfctl.k0s.commands;

import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.model.InstallFlags;
import io.clusterfactory.cfctl.k0s.model.K0sStatus;
import io.clusterfactory.cfctl.k0s.model.K0sVersion;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import io.clusterfactory.cfctl.k0s.ssh.ExecResult;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.util.List;

/** The k0s commands the phases run, in one place, and the waits that follow them. */
public final class K0sCommands {
  private K0sCommands() {}

  /** {@code '/usr/local/bin/k0s' <args>}. */
  public static String k0s(HostState h, String args) {
    return ShellQuote.quote(h.k0sPath()) + " " + args;
  }

  /** Runs a command as root; throws naming the host and what was being done when it fails. */
  public static String must(HostState h, String what, String command) {
    return h.remote().exec(command).orThrow(h.name() + ": " + what).stdout();
  }

  /** `k0s status -o json`, or null when k0s does not run (or is not installed). */
  public static K0sStatus status(HostState h) {
    ExecResult r = h.remote().exec(k0s(h, "status -o json"));
    if (!r.ok()) {
      return null;
    }
    try {
      return K0sStatus.parse(r.stdout());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether this host joins with a token: every host except a first controller. */
  public static boolean joinsWithToken(HostsContext ctx, HostState h) {
    return h != ctx.leader();
  }

  /** The expected `k0s install` flags of a host. */
  public static List<String> expectedFlags(HostsContext ctx, HostState h) {
    Host spec = h.spec();
    return InstallFlags.expected(
        spec,
        h.privateAddress(),
        h.configurer().k0sConfigPath(),
        h.configurer().joinTokenPath(),
        joinsWithToken(ctx, h),
        Boolean.TRUE.equals(ctx.cluster().spec().k0s().dynamicConfig()));
  }

  public static String installCommand(HostsContext ctx, HostState h, boolean force) {
    return InstallFlags.installCommand(h.k0sPath(), h.role(), expectedFlags(ctx, h), force);
  }

  /** The install command as plans and messages show it: environment values are not shown. */
  static String describedInstallCommand(HostsContext ctx, HostState h, boolean force) {
    List<String> shown =
        expectedFlags(ctx, h).stream()
            .map(f -> f.startsWith("--env=") ? f.replaceFirst("^(--env=[^=]*=).*$", "$1***") : f)
            .toList();
    return InstallFlags.installCommand(h.k0sPath(), h.role(), shown, force);
  }

  /**
   * Installs (or with {@code force} re-installs) the service and starts it in one round trip,
   * through the guard, then waits until k0s reports it runs the target version.
   */
  public static void installAndStart(HostsContext ctx, HostState h, boolean force, String why) {
    installAndStart(ctx, h, force, why, null);
  }

  /**
   * Like {@link #installAndStart(HostsContext, HostState, boolean, String)}; a non-null {@code
   * token} is first written to the host's join token file (mode 0600) in the same command, fed
   * through stdin so it never appears on a command line.
   */
  public static void installAndStart(
      HostsContext ctx, HostState h, boolean force, String why, String token) {
    String install = installCommand(ctx, h, force);
    String shown = describedInstallCommand(ctx, h, force);
    String start = k0s(h, "start");
    String tokenPath = h.configurer().joinTokenPath();
    String script =
        (token == null
                ? ""
                : "mkdir -p "
                    + ShellQuote.quote(parent(tokenPath))
                    + " && (umask 077 && cat > "
                    + ShellQuote.quote(tokenPath)
                    + ") && ")
            + install
            + " && "
            + start;
    ctx.guard()
        .mutate(
            h.name(),
            (token == null ? "" : "write the join token to " + tokenPath + ", ")
                + why
                + ": "
                + shown
                + ", then start it",
            () ->
                h.remote()
                    .exec(
                        script,
                        token == null
                            ? ExecOptions.defaults()
                            : ExecOptions.defaults().withStdin(token + "\n"))
                    .orThrow(h.name() + ": installing and starting k0s"));
    waitRunning(ctx, h);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** Stops k0s (through the guard) and waits until it no longer runs. */
  public static void stop(HostsContext ctx, HostState h) {
    ctx.guard()
        .mutate(
            h.name(),
            "stop the k0s service",
            () -> {
              must(h, "stopping k0s", k0s(h, "stop"));
              ctx.waitFor(h, "k0s to stop", () -> status(h) == null);
              return null;
            });
  }

  /** Waits until k0s runs the target version, then records its status; not in dry-run. */
  public static void waitRunning(HostsContext ctx, HostState h) {
    if (ctx.dryRun()) {
      return;
    }
    if (ctx.settings().noWait()) {
      h.status(status(h));
      return;
    }
    K0sVersion target = ctx.targetVersion();
    ctx.waitFor(
        h,
        "k0s " + target + " to run",
        () -> {
          K0sStatus s = status(h);
          if (s != null && (target == null || s.version().equals(target))) {
            h.status(s);
            return true;
          }
          return false;
        });
  }
}
