package io.clusterfactory.cfctl.k0s.ssh;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Quotes words for a POSIX {@code sh} command line. */
public final class ShellQuote {
  // characters that never need quoting in sh; everything else goes inside single quotes
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

  private ShellQuote() {}

  /**
   * One word, quoted so that {@code sh} reads it back exactly: plain words stay as they are, others
   * are put in single quotes, with each {@code '} written as {@code '\''}.
   */
  public static String quote(String word) {
    if (word.isEmpty()) {
      return "''";
    }
    if (SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Several words, each quoted, joined by spaces. */
  public static String join(List<String> words) {
    return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
  }

  /** Wraps a script so it runs as root through passwordless sudo in an explicit POSIX shell. */
  public static String sudo(String script) {
    return "sudo -n -- sh -c " + quote(script);
  }
}
