package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.ClusterSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Duration;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.config.v1beta1.K0sSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Metadata;
import io.clusterfactory.cfctl.core.config.v1beta1.OpenSshSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Options;
import io.clusterfactory.cfctl.core.config.v1beta1.RegistriesSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.Role;
import io.clusterfactory.cfctl.core.config.v1beta1.SshSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.UploadFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every default of cluster.yaml, in one place (k0sctl's defaults where the field comes from
 * k0sctl). Also resolves local paths against the config file's folder and expands {@code ~}.
 */
public final class ClusterDefaults {
  public static final String CLUSTER_NAME = "k0s-cluster";
  public static final String KUBECONFIG_USER = "admin";
  public static final String SSH_USER = "root";
  public static final int SSH_PORT = 22;
  public static final String DATA_DIR = "/var/lib/k0s";
  public static final String K0S_INSTALL_PATH = "/usr/local/bin/k0s";
  public static final String VERSION_CHANNEL = "stable";
  public static final String GIT_BRANCH = "main";
  public static final int CONCURRENCY = 30;
  public static final int CONCURRENT_UPLOADS = 5;
  public static final int WORKER_DISRUPTION_PERCENT = 10;
  public static final Duration DRAIN_GRACE_PERIOD = Duration.parse("120s");
  public static final Duration DRAIN_TIMEOUT = Duration.parse("300s");
  public static final String EVICT_TAINT = "k0sctl.k0sproject.io/evict=true";
  public static final String EVICT_EFFECT = "NoExecute";

  private ClusterDefaults() {}

  public static Cluster apply(Cluster c, Path baseDir) {
    Metadata md = c.metadata() == null ? new Metadata(null, null) : c.metadata();
    String name = or(md.name(), CLUSTER_NAME);
    Metadata metadata = new Metadata(name, or(md.user(), KUBECONFIG_USER));
    ClusterSpec s = c.spec();
    if (s == null) {
      return new Cluster(c.apiVersion(), or(c.kind(), "Cluster"), metadata, null);
    }
    List<Host> hosts = new ArrayList<>();
    if (s.hosts() != null) {
      for (Host h : s.hosts()) {
        hosts.add(h == null ? null : host(h, baseDir));
      }
    }
    ClusterSpec spec =
        new ClusterSpec(
            hosts,
            k0s(s.k0s()),
            options(s.options()),
            s.network(),
            gitops(s.gitops(), name),
            s.provisioning(),
            s.software(),
            s.applications(),
            s.manifests(),
            registries(s.registries()),
            s.charts());
    return StackDefaults.apply(
        new Cluster(c.apiVersion(), or(c.kind(), "Cluster"), metadata, spec), baseDir);
  }

  static Host host(Host h, Path baseDir) {
    List<String> flags = h.installFlags() == null ? List.of() : List.copyOf(h.installFlags());
    Role role = h.role();
    // k0sctl moves these install flags into the typed fields.
    if (role == Role.CONTROLLER && flags.contains("--enable-worker")) {
      role = Role.CONTROLLER_WORKER;
    }
    if (flags.contains("--single")) {
      role = Role.SINGLE;
    }
    boolean noTaints = Boolean.TRUE.equals(h.noTaints()) || flags.contains("--no-taints");
    String binary = h.k0sBinaryPath() == null ? null : localPath(h.k0sBinaryPath(), baseDir);
    List<UploadFile> files = new ArrayList<>();
    if (h.files() != null) {
      for (UploadFile f : h.files()) {
        files.add(
            f == null
                ? null
                : new UploadFile(
                    f.name(),
                    f.src() == null || f.src().contains("://")
                        ? f.src()
                        : localPath(f.src(), baseDir),
                    f.data(),
                    f.dst(),
                    f.dstDir(),
                    f.perm(),
                    or(f.dirPerm(), "0755"),
                    f.user(),
                    f.group()));
      }
    }
    return new Host(
        role,
        ssh(h.ssh(), baseDir),
        openSsh(h.openSsh()),
        h.localhost(),
        h.winRm(),
        h.privateInterface(),
        h.privateAddress(),
        h.hostname(),
        or(h.dataDir(), DATA_DIR),
        h.kubeletRootDir(),
        flags,
        h.environment() == null ? Map.of() : new LinkedHashMap<>(h.environment()),
        Boolean.TRUE.equals(h.uploadBinary()) || binary != null,
        Boolean.TRUE.equals(h.useExistingK0s()),
        binary,
        or(h.k0sInstallPath(), K0S_INSTALL_PATH),
        h.k0sDownloadUrl(),
        files,
        h.os(),
        noTaints,
        h.labels() == null ? Map.of() : new java.util.TreeMap<>(h.labels()),
        h.taints() == null ? List.of() : List.copyOf(h.taints()),
        h.hooks() == null ? Map.of() : h.hooks(),
        Boolean.TRUE.equals(h.reset()));
  }

  static SshSpec ssh(SshSpec s, Path baseDir) {
    if (s == null) {
      return null;
    }
    return new SshSpec(
        s.address(),
        or(s.user(), SSH_USER),
        s.port() == null ? SSH_PORT : s.port(),
        s.keyPath() == null ? null : localPath(s.keyPath(), baseDir),
        s.hostKey(),
        ssh(s.bastion(), baseDir),
        s.options() == null ? Map.of() : s.options());
  }

  /** cfctl connects to openSSH hosts with sshj too, so they get the same user and port defaults. */
  static OpenSshSpec openSsh(OpenSshSpec o) {
    if (o == null) {
      return null;
    }
    return new OpenSshSpec(
        o.address(),
        or(o.user(), SSH_USER),
        o.port() == null ? SSH_PORT : o.port(),
        o.keyPath(),
        o.configPath(),
        o.disableMultiplexing(),
        o.options());
  }

  /** No rewrite unless listed; the listed ones in a stable order. */
  static RegistriesSpec registries(RegistriesSpec r) {
    if (r == null) {
      return null;
    }
    return new RegistriesSpec(
        r.mirror(), r.rewrites() == null ? Map.of() : new java.util.TreeMap<>(r.rewrites()));
  }

  static K0sSpec k0s(K0sSpec k) {
    if (k == null) {
      return new K0sSpec(null, VERSION_CHANNEL, false, Map.of());
    }
    return new K0sSpec(
        k.version(),
        or(k.versionChannel(), VERSION_CHANNEL),
        Boolean.TRUE.equals(k.dynamicConfig()),
        k.config() == null ? Map.of() : k.config());
  }

  static Options options(Options o) {
    Options in = o == null ? new Options(null, null, null, null) : o;
    Options.Wait w = in.waitFor();
    Options.Drain d = in.drain();
    Options.EvictTaint e = in.evictTaint();
    Options.Concurrency c = in.concurrency();
    return new Options(
        new Options.Wait(w == null || w.enabled() == null || w.enabled()),
        new Options.Drain(
            d == null || d.enabled() == null || d.enabled(),
            d == null || d.gracePeriod() == null ? DRAIN_GRACE_PERIOD : d.gracePeriod(),
            d == null || d.timeout() == null ? DRAIN_TIMEOUT : d.timeout(),
            d == null || d.force() == null || d.force(),
            d == null || d.ignoreDaemonSets() == null || d.ignoreDaemonSets(),
            d == null || d.deleteEmptyDirData() == null || d.deleteEmptyDirData(),
            d == null || d.podSelector() == null ? "" : d.podSelector(),
            d == null || d.skipWaitForDeleteTimeout() == null
                ? Duration.parse("0")
                : d.skipWaitForDeleteTimeout()),
        new Options.EvictTaint(
            e != null && Boolean.TRUE.equals(e.enabled()),
            e == null || e.taint() == null ? EVICT_TAINT : e.taint(),
            e == null || e.effect() == null ? EVICT_EFFECT : e.effect(),
            e != null && Boolean.TRUE.equals(e.controllerWorkers())),
        new Options.Concurrency(
            c == null || c.limit() == null ? CONCURRENCY : c.limit(),
            c == null || c.workerDisruptionPercent() == null
                ? WORKER_DISRUPTION_PERCENT
                : c.workerDisruptionPercent(),
            c == null || c.uploads() == null ? CONCURRENT_UPLOADS : c.uploads()));
  }

  static GitopsSpec gitops(GitopsSpec g, String clusterName) {
    if (g == null) {
      return null;
    }
    GitopsSpec.Repository r = g.repository();
    GitopsSpec.Repository repo =
        r == null
            ? null
            : new GitopsSpec.Repository(
                r.url(), or(r.branch(), GIT_BRANCH), or(r.path(), "clusters/" + clusterName));
    return new GitopsSpec(repo, g.argocd(), g.certManager(), g.sealedSecrets());
  }

  /** Resolves a local path: {@code ~} is the user's home, relative paths are under baseDir. */
  public static String localPath(String path, Path baseDir) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), path.substring(1).replaceFirst("^/", ""))
          .toString();
    }
    Path p = Path.of(path);
    if (p.isAbsolute() || baseDir == null) {
      return p.toString();
    }
    return baseDir.resolve(p).normalize().toString();
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
