package io.clusterfactory.cfctl.core.hydrate;

import io.clusterfactory.cfctl.core.gitops.GitAuth;
import io.clusterfactory.cfctl.core.gitops.GitFolderReader;
import io.clusterfactory.cfctl.core.gitops.HostKeyPolicy;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The fetchers of the chart sources other than HTTP Helm repositories (docs/helm.md). */
final class ChartSources {
  private ChartSources() {}

  /**
   * Git charts with the user's SSH keys and known_hosts (strict: an unknown host is refused),
   * cloned under the chart cache's {@code git/}; OCI charts with the stored registry logins.
   *
   * <p>The HTTPS token ({@code CFCTL_GIT_TOKEN}) is not sent: it is the GitOps repository's, and a
   * chart's repository is often someone else's host, which would be handed it on its first 401.
   *
   * @param requests counts the OCI requests (a warm cache makes none)
   */
  static Map<ChartRef.Kind, ChartSource> standard(ChartCache cache, AtomicInteger requests) {
    Path home = Path.of(System.getProperty("user.home"));
    Map<String, String> env = System.getenv();
    Map<ChartRef.Kind, ChartSource> sources = new EnumMap<>(ChartRef.Kind.class);
    sources.put(
        ChartRef.Kind.GIT,
        new GitChartSource(
            new GitFolderReader(
                cache.root().resolve("git"),
                withoutToken(GitAuth.defaults(home, null, HostKeyPolicy.STRICT, env))),
            cache));
    sources.put(
        ChartRef.Kind.OCI,
        new OciChartSource(cache, RegistryCredentials.standard(env, home), requests));
    return sources;
  }

  private static GitAuth withoutToken(GitAuth auth) {
    return new GitAuth(
        auth.sshDirectory(),
        auth.identityFiles(),
        auth.knownHosts(),
        auth.hostKeyPolicy(),
        auth.httpsUser(),
        null);
  }
}
