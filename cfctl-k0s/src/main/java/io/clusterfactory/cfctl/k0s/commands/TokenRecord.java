package io.clusterfactory.cfctl.k0s.commands;

import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The ids of the join tokens cfctl created and has not invalidated yet, kept on the host they were
 * created on ({@code <dataDir>/cfctl-join-tokens}, one {@code <id> <role> <epoch>} line each). The
 * id is recorded by the same host command that creates the token, before the token reaches cfctl,
 * so a run killed at any point leaves the id behind; the next run invalidates every recorded token
 * that still exists ({@link io.clusterfactory.cfctl.k0s.phase.CleanUpLeftovers}). {@code k0s reset}
 * removes the file with the data dir.
 */
public final class TokenRecord {
  private TokenRecord() {}

  public static String path(HostState h) {
    return h.dataDir() + "/cfctl-join-tokens";
  }

  /**
   * Creates a token on {@code leader}, records its id there, then prints the token (the id is read
   * from the token itself: base64 of a gzipped kubeconfig whose user token is {@code id.secret}).
   */
  public static String createScript(HostState leader, String role, String expiry) {
    String record = ShellQuote.quote(path(leader));
    return "t=$("
        + K0sCommands.k0s(leader, "token create --role=" + role + " --expiry=" + expiry)
        + ") || exit $?; id=$(printf '%s' \"$t\" | base64 -d 2>/dev/null | gunzip -c 2>/dev/null"
        + " | sed -n 's/^ *token: *\\([a-z0-9]*\\)\\..*/\\1/p' | head -n 1); if [ -n \"$id\" ];"
        + " then mkdir -p "
        + ShellQuote.quote(leader.dataDir())
        + " && printf '%s %s %s\\n' \"$id\" "
        + role
        + " \"$(date +%s)\" >> "
        + record
        + " || exit 1; fi; printf '%s\\n' \"$t\"";
  }

  /** Invalidates token {@code id} on {@code leader}, then forgets it in the leader's record. */
  public static String invalidateScript(HostState leader, String id) {
    return K0sCommands.k0s(leader, "token invalidate " + ShellQuote.quote(id))
        + " && "
        + forgetScript(leader, List.of(id));
  }

  /** Removes {@code ids} from {@code h}'s record, and the record once it is empty. */
  public static String forgetScript(HostState h, Collection<String> ids) {
    String record = ShellQuote.quote(path(h));
    StringBuilder s = new StringBuilder("if [ -f ").append(record).append(" ]; then ");
    for (String id : ids) {
      s.append("sed -i '/^").append(id).append(" /d' ").append(record).append("; ");
    }
    return s.append("[ -s ")
        .append(record)
        .append(" ] || rm -f ")
        .append(record)
        .append("; fi")
        .toString();
  }

  /** Whether {@code id} looks like a k0s token id (so it is safe in a shell word and a regex). */
  public static boolean isId(String id) {
    return id.matches("[a-z0-9]{1,64}");
  }

  /** The token ids of a record's content (ids are {@code [a-z0-9]}, as k0s makes them). */
  public static List<String> ids(String content) {
    List<String> ids = new ArrayList<>();
    if (content == null) {
      return ids;
    }
    for (String line : content.split("\n")) {
      String id = line.strip().split(" ")[0];
      if (isId(id) && !ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }
}
