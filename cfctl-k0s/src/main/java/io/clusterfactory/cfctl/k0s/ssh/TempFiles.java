package io.clusterfactory.cfctl.k0s.ssh;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;

/**
 * The one name every temporary file cfctl writes on a host has: {@code
 * <folder>/.<name>.cfctl-tmp-<16 hex>}, in the destination's own folder (a rename across mounts
 * fails). A run killed before it renamed or removed one leaves it behind; the next run finds it by
 * this pattern alone ({@link #GLOB}) and removes it, so nothing else may be named like it.
 */
public final class TempFiles {
  /** What every temporary name contains, after the hidden destination name. */
  public static final String MARK = ".cfctl-tmp-";

  /** A shell glob (for {@code find -name}) matching every temporary name and nothing else. */
  public static final String GLOB = ".?*" + MARK + "*";

  private static final SecureRandom RANDOM = new SecureRandom();

  private TempFiles() {}

  /** A fresh temporary name next to {@code destination} (an absolute file path). */
  public static String next(String destination) {
    int slash = destination.lastIndexOf('/');
    if (slash < 0 || slash == destination.length() - 1) {
      throw new IllegalArgumentException("not an absolute file path: " + destination);
    }
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return destination.substring(0, slash + 1)
        + "."
        + destination.substring(slash + 1)
        + MARK
        + HexFormat.of().formatHex(bytes);
  }

  /** Whether {@code path}'s file name is one {@link #next} gives. */
  public static boolean isTemp(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.startsWith(".") && name.indexOf(MARK) > 1;
  }

  /**
   * Shell that prints, one per line, every temporary file directly inside {@code folders} (folders
   * that do not exist are skipped).
   */
  public static String findScript(Collection<String> folders) {
    StringBuilder s = new StringBuilder();
    for (String folder : folders) {
      String q = ShellQuote.quote(folder);
      s.append("[ -d ")
          .append(q)
          .append(" ] && find ")
          .append(q)
          .append(" -mindepth 1 -maxdepth 1 -name ")
          .append(ShellQuote.quote(GLOB))
          .append(" ! -type d 2>/dev/null; ");
    }
    return s.append("true").toString();
  }
}
