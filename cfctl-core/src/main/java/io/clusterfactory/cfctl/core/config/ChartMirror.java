package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.ChartsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.ClusterSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * The Helm repository that serves every chart cfctl pins (spec.charts.mirror), in the two forms it
 * is used in: an HTTP repository as written, an OCI registry path as Argo CD names a Helm OCI
 * repository ({@code host/path}, no scheme: hydration reads that form as OCI too).
 */
public record ChartMirror(String url) {
  public static Optional<ChartMirror> of(ClusterSpec spec) {
    ChartsSpec c = spec == null ? null : spec.charts();
    return c == null || c.mirror() == null
        ? Optional.empty()
        : Optional.of(new ChartMirror(c.mirror()));
  }

  public boolean oci() {
    return url.toLowerCase(Locale.ROOT).startsWith("oci://");
  }

  /** The Application's repoURL. */
  public String repoUrl() {
    String u = oci() ? url.substring("oci://".length()) : url;
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }
}
