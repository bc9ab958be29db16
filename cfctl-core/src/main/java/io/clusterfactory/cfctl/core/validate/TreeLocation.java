package io.clusterfactory.cfctl.core.validate;

import java.util.Locale;
import java.util.Set;

/**
 * Where the rendered tree lives in cfctl's own Git repository, so that the Argo CD rules can tell
 * whether a path or values file an Application names exists (Git holds no empty folder).
 *
 * @param repoURL the repository's URL as the Applications name it
 * @param prefix the tree's folder in the repository, e.g. {@code clusters/sion} (no slashes around)
 * @param files every file of the tree, relative to the prefix
 */
public record TreeLocation(String repoURL, String prefix, Set<String> files) {
  public TreeLocation {
    prefix = strip(prefix == null ? "" : prefix);
    files = Set.copyOf(files);
  }

  boolean isOwn(String url) {
    return normalise(url).equals(normalise(repoURL));
  }

  /** The tree-relative form of a repository path, or null when it is outside the tree. */
  String relative(String repoPath) {
    String p = strip(repoPath == null ? "" : repoPath);
    if (prefix.isEmpty()) {
      return p;
    }
    if (p.equals(prefix)) {
      return "";
    }
    return p.startsWith(prefix + "/") ? p.substring(prefix.length() + 1) : null;
  }

  /** True when some file of the tree is under {@code relative} (or is it). */
  boolean hasFolder(String relative) {
    if (relative.isEmpty()) {
      return !files.isEmpty();
    }
    return files.stream().anyMatch(f -> f.startsWith(relative + "/"));
  }

  static String normalise(String url) {
    String u = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
  }

  private static String strip(String p) {
    String s = p.strip();
    while (s.startsWith("./")) {
      s = s.substring(2);
    }
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.equals(".") ? "" : s;
  }
}
