package io.clusterfactory.cfctl.k0s.commands;

import io.clusterfactory.cfctl.k0s.ssh.RemoteSha256;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;

/**
 * Hashing a 100+ MB k0s binary on every host on every run is most of a no-op re-apply's time, so
 * the sha256 is recorded next to the binary when cfctl stages it, with the binary's size and mtime
 * (as k0sctl compares files); it is trusted while both still match, else the binary is hashed.
 */
public final class BinaryChecksum {
  private BinaryChecksum() {}

  public static String sidecar(String binary) {
    return binary + ".cfctl-sha256";
  }

  /** Prints the binary's sha256, from the record when size and mtime still match. */
  public static String readScript(String binary) {
    String k = ShellQuote.quote(binary);
    String c = ShellQuote.quote(sidecar(binary));
    return "r=$(cat "
        + c
        + " 2>/dev/null); if [ -n \"$r\" ] && [ \"${r#* }\" = \"$(stat -c '%s %Y' "
        + k
        + ")\" ]; then echo \"${r%% *}\"; else "
        + RemoteSha256.digestOf(k)
        + "; fi";
  }

  /** Records {@code sha256} with the binary's current size and mtime. */
  public static String recordScript(String binary, String sha256) {
    return "printf '%s %s\\n' "
        + sha256
        + " \"$(stat -c '%s %Y' "
        + ShellQuote.quote(binary)
        + ")\" > "
        + ShellQuote.quote(sidecar(binary));
  }
}
