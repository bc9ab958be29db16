package io.clusterfactory.cfctl.k0s.commands;

import io.clusterfactory.cfctl.k0s.ssh.RemoteSha256;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;

/**
 * Hashing a 100+ MB k0s binary and starting it for {@code k0s version} on every host on every run
 * is most of a no-op re-apply's remote time, so both answers are recorded next to the binary when
 * cfctl stages it, with the binary's size, mtime, inode and ctime (to the nanosecond); they are
 * trusted while all four still match (a write, a rename over it or a chmod changes the ctime, which
 * no tool sets back), else the binary is hashed and asked again. A record of another form is not
 * trusted.
 */
public final class BinaryChecksum {
  private BinaryChecksum() {}

  public static String sidecar(String binary) {
    return binary + ".cfctl-sha256";
  }

  private static String stat(String quotedBinary) {
    return "$(stat -c '%s %Y %i %z' " + quotedBinary + ")";
  }

  /**
   * Sets the shell variables {@code sha} (the binary's sha256) and {@code ver} (what {@code k0s
   * version} prints): from the record while the binary is the one it was made for, else anew.
   */
  public static String readScript(String binary) {
    String k = ShellQuote.quote(binary);
    return "set -- $(cat "
        + ShellQuote.quote(sidecar(binary))
        + " 2>/dev/null); if [ $# -eq 8 ] && [ \"$3 $4 $5 $6 $7 $8\" = \""
        + stat(k)
        + "\" ]; then sha=$1; ver=$2; else sha=$("
        + RemoteSha256.digestOf(k)
        + "); ver=$("
        + k
        + " version 2>/dev/null); fi";
  }

  /** Records {@code sha256} and the version the binary reports with its current stat. */
  public static String recordScript(String binary, String sha256) {
    String k = ShellQuote.quote(binary);
    return "printf '%s %s %s\\n' "
        + sha256
        + " \"$("
        + k
        + " version 2>/dev/null)\" \""
        + stat(k)
        + "\" > "
        + ShellQuote.quote(sidecar(binary));
  }
}
