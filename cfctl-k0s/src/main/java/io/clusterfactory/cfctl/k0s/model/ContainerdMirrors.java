package io.clusterfactory.cfctl.k0s.model;

import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.config.ImageReference;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files that point containerd on a node at the site's registry mirrors (spec.registries): a
 * drop-in k0s imports into its containerd configuration ({@code /etc/k0s/containerd.d/*.toml}),
 * which names cfctl's own hosts folder as the CRI registry {@code config_path}, and one {@code
 * hosts.toml} there per rewritten registry, plus {@code _default} (every other registry) for the
 * one mirror. Pure: the same mirrors, the same bytes.
 */
public final class ContainerdMirrors {
  /** The folder k0s imports containerd drop-ins from. */
  public static final String DROP_IN_DIR = "/etc/k0s/containerd.d";

  public static final String DROP_IN = DROP_IN_DIR + "/cfctl-registries.toml";

  /** cfctl's containerd hosts folder: outside the drop-in folder, which k0s would import. */
  public static final String HOSTS_DIR = "/etc/k0s/cfctl-registries.d";

  /** containerd's folder name for the hosts of every registry without a folder of its own. */
  public static final String DEFAULT_HOST = "_default";

  static final String HEADER =
      "# Written by cfctl from spec.registries of cluster.yaml; edits here are overwritten.\n";

  private ContainerdMirrors() {}

  /** Every file, by path; empty when no mirror is set (then cfctl's files are removed). */
  public static SortedMap<String, String> files(ImageMirror mirrors) {
    SortedMap<String, String> out = new TreeMap<>();
    if (!mirrors.active()) {
      return out;
    }
    out.put(
        DROP_IN,
        HEADER
            + "version = 2\n\n"
            + "[plugins.\"io.containerd.grpc.v1.cri\".registry]\n"
            + "  config_path = \""
            + HOSTS_DIR
            + "\"\n");
    mirrors.mirror().ifPresent(m -> out.put(hostsFile(DEFAULT_HOST), hosts(null, m)));
    for (Map.Entry<String, String> e : mirrors.rewrites().entrySet()) {
      out.put(hostsFile(e.getKey()), hosts(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** The registry folders (names under {@link #HOSTS_DIR}) of {@link #files}. */
  public static java.util.SortedSet<String> registries(ImageMirror mirrors) {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    for (String path : files(mirrors).keySet()) {
      if (path.startsWith(HOSTS_DIR + "/")) {
        String rest = path.substring(HOSTS_DIR.length() + 1);
        out.add(rest.substring(0, rest.indexOf('/')));
      }
    }
    return out;
  }

  static String hostsFile(String registry) {
    return HOSTS_DIR + "/" + registry + "/hosts.toml";
  }

  /**
   * A registry's hosts.toml: pulls go to the mirror first; a mirror with a path serves every image
   * under it ({@code override_path}: containerd then asks {@code https://host/v2/path/<name>/...}).
   */
  static String hosts(String registry, String prefix) {
    StringBuilder b = new StringBuilder(HEADER);
    if (registry != null) {
      String upstream =
          ImageReference.DOCKER_HUB.equals(registry) ? "registry-1.docker.io" : registry;
      b.append("server = \"https://").append(upstream).append("\"\n\n");
    }
    int slash = prefix.indexOf('/');
    if (slash < 0) {
      b.append("[host.\"https://").append(prefix).append("\"]\n");
      b.append("  capabilities = [\"pull\", \"resolve\"]\n");
    } else {
      b.append("[host.\"https://")
          .append(prefix, 0, slash)
          .append("/v2/")
          .append(prefix.substring(slash + 1))
          .append("\"]\n");
      b.append("  capabilities = [\"pull\", \"resolve\"]\n");
      b.append("  override_path = true\n");
    }
    return b.toString();
  }
}
