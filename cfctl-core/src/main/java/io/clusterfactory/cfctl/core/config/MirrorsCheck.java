package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.NetworkSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.RegistriesSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The mirrors of spec.registries and spec.charts: a registry mirror is a registry prefix
 * (host[:port][/path], what an image name starts with, so no scheme), a rewritten registry is a
 * registry host, and the chart mirror is a Helm repository URL cfctl and Argo CD can read.
 */
final class MirrorsCheck implements ClusterCheck {
  private static final String LABEL = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";
  private static final Pattern HOST_PORT =
      Pattern.compile("(" + LABEL + ")(\\." + LABEL + ")*(:[0-9]{1,5})?");
  private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");

  @Override
  public void check(Cluster cluster, Context ctx) {
    Problems problems = ctx.problems();
    RegistriesSpec r = cluster.spec().registries();
    if (r != null) {
      if (r.mirror() != null) {
        checkPrefix(r.mirror(), "spec.registries.mirror", problems);
      }
      for (Map.Entry<String, String> e : r.rewrites().entrySet()) {
        String at = SourceMap.child("spec.registries.rewrites", e.getKey());
        if (!isRegistryHost(e.getKey())) {
          problems.keyError(
              at,
              "'" + e.getKey() + "' is not a registry host",
              "name the registry as an image does, host[:port] with a dot or a port (docker.io,"
                  + " quay.io, registry.k8s.io, localhost:5000)");
        }
        if (e.getValue() == null) {
          problems.error(at, "the registry has no mirror", "write host[:port][/path]");
        } else {
          checkPrefix(e.getValue(), at, problems);
        }
      }
    }
    if (cluster.spec().charts() != null && cluster.spec().charts().mirror() != null) {
      checkChartMirror(cluster, cluster.spec().charts().mirror(), problems);
    }
  }

  /** A registry host as the first component of an image name: a dot, a port, or localhost. */
  static boolean isRegistryHost(String s) {
    return HOST_PORT.matcher(s).matches() && ImageReference.isRegistryHost(s) && !s.endsWith(":");
  }

  static boolean isPrefix(String s) {
    String v = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    String[] parts = v.split("/", -1);
    if (!HOST_PORT.matcher(parts[0]).matches()) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  private static void checkPrefix(String value, String path, Problems problems) {
    if (value.contains("://")) {
      problems.error(
          path,
          "'" + value + "' has a scheme; a mirror is the prefix image names start with",
          "write host[:port][/path], e.g. " + value.substring(value.indexOf("://") + 3));
    } else if (!isPrefix(value)) {
      problems.error(
          path,
          "'" + value + "' is not a valid host[:port][/path]",
          "write it as an image name starts, lower case: registry.site.local,"
              + " registry.site.local:5000/mirror");
    }
  }

  private static void checkChartMirror(Cluster cluster, String value, Problems problems) {
    String path = "spec.charts.mirror";
    String lower = value.toLowerCase(Locale.ROOT);
    boolean oci = lower.startsWith("oci://");
    if (!oci && !lower.startsWith("https://") && !lower.startsWith("http://")) {
      problems.error(
          path,
          "'" + value + "' is not an http(s):// Helm repository nor an oci:// registry path",
          "write https://charts.site.local/cfctl or oci://registry.site.local/charts");
      return;
    }
    String host;
    try {
      URI u = new URI(value);
      host = u.getHost();
      if (u.getQuery() != null || u.getFragment() != null) {
        host = null;
      }
    } catch (URISyntaxException e) {
      host = null;
    }
    if (host == null || (oci && !isPrefix(value.substring("oci://".length())))) {
      problems.error(
          path,
          "'" + value + "' is not a valid repository URL",
          oci ? "write oci://host[:port][/path]" : "write https://host[:port][/path]");
      return;
    }
    NetworkSpec n = cluster.spec().network();
    if (oci && n != null && n.multus() != null && Boolean.TRUE.equals(n.multus().enabled())) {
      problems.error(
          path,
          "multus is a plain manifest, which an oci:// registry does not serve",
          "use an https:// mirror that also serves multus-cni/<version>/<file>, or turn multus"
              + " off");
    }
  }
}
