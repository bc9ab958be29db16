package io.clusterfactory.cfctl.k0s.ssh;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

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
   * that do not exist are skipped). The shell's own globbing, not find: every run sends this to
   * every host, and it starts no process.
   */
  public static String findScript(Collection<String> folders) {
    List<String> globs = new ArrayList<>();
    for (String folder : folders) {
      globs.add(ShellQuote.quote(folder) + "/" + GLOB);
    }
    return listScript(globs, false);
  }

  /**
   * Shell printing, one per line, what each glob matches (a glob matching nothing prints nothing);
   * without {@code folders}, a folder is left out (as {@code find ! -type d}), a link to one is
   * not.
   */
  public static String listScript(List<String> globs, boolean folders) {
    if (globs.isEmpty()) {
      return "true";
    }
    String keep =
        folders
            ? "[ -e \"$f\" ] || [ -L \"$f\" ]"
            : "[ -L \"$f\" ] || { [ -e \"$f\" ] && [ ! -d \"$f\" ]; }";
    return "for f in "
        + String.join(" ", globs)
        + "; do if "
        + keep
        + "; then printf '%s\\n' \"$f\"; fi; done; true";
  }
}
