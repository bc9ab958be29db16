package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What can be known about the GitOps repository without contacting it: a repository block has a
 * URL, an {@code ssh://} URL has a host, and the folder cfctl owns is a normalised relative path
 * (cfctl deletes what it no longer renders under it, so it must never reach out of the repository
 * or mean the same folder in two spellings).
 */
final class GitopsCheck implements ClusterCheck {
  /** {@code ssh://user@host:path}: the scp form with a scheme in front. */
  private static final Pattern SCP_IN_URL =
      Pattern.compile(
          "(?:ssh|git\\+ssh|ssh\\+git)://(?:([^@/]+)@)?([^:/\\[\\]]+):([^0-9/][^/]*.*)");

  @Override
  public void check(Cluster cluster, Context ctx) {
    GitopsSpec g = cluster.spec().gitops();
    if (g == null || g.repository() == null) {
      return;
    }
    Problems problems = ctx.problems();
    GitopsSpec.Repository r = g.repository();
    String base = "spec.gitops.repository";
    if (r.url() == null || r.url().isBlank()) {
      problems.error(
          base + ".url",
          "the repository has no url",
          "set url, e.g. file:///srv/gitops.git or ssh://git@host/org/infra.git");
    } else {
      checkUrl(r.url(), base + ".url", problems);
    }
    if (r.path() != null) {
      checkPath(r.path(), base + ".path", problems);
    }
    if (g.argocd() != null && g.argocd().repositoryUrl() != null) {
      checkUrl(g.argocd().repositoryUrl(), "spec.gitops.argocd.repositoryUrl", problems);
    }
  }

  static void checkUrl(String url, String path, Problems problems) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("ssh://")
        || lower.startsWith("git+ssh://")
        || lower.startsWith("ssh+git://"))) {
      return;
    }
    Matcher scp = SCP_IN_URL.matcher(url);
    if (scp.matches()) {
      String user = scp.group(1) == null ? "" : scp.group(1) + "@";
      String host = scp.group(2);
      String repo = scp.group(3);
      problems.error(
          path,
          "'"
              + url
              + "' mixes the two forms of an SSH address: in an ssh:// URL what follows"
              + " the host and ':' is a port",
          "write ssh://"
              + user
              + host
              + "/"
              + repo
              + " (or ssh://"
              + user
              + host
              + ":PORT/"
              + repo
              + "), or the scp form "
              + user
              + host
              + ":"
              + repo
              + " without ssh://");
      return;
    }
    String rest = url.substring(url.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    String host = hostPort.startsWith("[") ? hostPort : hostPort.replaceFirst(":[0-9]*$", "");
    if (host.isEmpty()) {
      problems.error(
          path,
          "the ssh:// URL '" + url + "' has no host",
          "write ssh://git@host/org/repo.git, or file:///path for a repository on this machine");
    }
  }

  static void checkPath(String value, String path, Problems problems) {
    if (value.isEmpty()) {
      return; // the whole repository
    }
    if (value.startsWith("/")) {
      problems.error(
          path,
          "'" + value + "' is absolute; it is a folder inside the repository",
          "write it relative to the repository root, e.g. " + normalised(value));
      return;
    }
    List<String> parts = List.of(value.split("/", -1));
    if (parts.contains("..")) {
      problems.error(
          path,
          "'" + value + "' leaves its folder with '..'",
          "name the folder from the repository root, without '..'");
      return;
    }
    String n = normalised(value);
    if (!n.equals(value)) {
      problems.error(path, "'" + value + "' is not a normalised path", "write " + n);
    }
  }

  private static String normalised(String value) {
    List<String> kept = new ArrayList<>();
    for (String p : value.split("/")) {
      if (!p.isEmpty() && !p.equals(".")) {
        kept.add(p);
      }
    }
    return kept.isEmpty() ? "clusters/<name>" : String.join("/", kept);
  }
}
