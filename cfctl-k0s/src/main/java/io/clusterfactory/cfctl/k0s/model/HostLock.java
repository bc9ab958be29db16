package io.clusterfactory.cfctl.k0s.model;

import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-host apply lock: a file created exclusively (noclobber), holding who took it, whose
 * modification time is the holder's heartbeat.
 */
public final class HostLock {
  private static final Pattern HOLDER =
      Pattern.compile("cfctl run=(\\S+) pid=(\\d+) client=(\\S+) started=(\\d+)");

  private HostLock() {}

  /** Who holds a lock, as written in the file. */
  public record Holder(String runId, long pid, String client, Instant started) {
    public static Optional<Holder> parse(String content) {
      Matcher m = HOLDER.matcher(content == null ? "" : content);
      if (!m.find()) {
        return Optional.empty();
      }
      return Optional.of(
          new Holder(
              m.group(1),
              Long.parseLong(m.group(2)),
              m.group(3),
              Instant.ofEpochSecond(Long.parseLong(m.group(4)))));
    }

    public String line() {
      return "cfctl run="
          + runId
          + " pid="
          + pid
          + " client="
          + client
          + " started="
          + started.getEpochSecond();
    }

    @Override
    public String toString() {
      return "run " + runId + " (pid " + pid + " on " + client + ", started " + started + ")";
    }
  }

  /** What a host said about its lock. */
  public record Probe(boolean acquired, boolean present, long ageSeconds, String content) {
    public Optional<Holder> holder() {
      return Holder.parse(content);
    }
  }

  /** Creates the lock unless it exists; prints ACQUIRED, or HELD with the age and content. */
  public static String acquireScript(String path, Holder me) {
    String f = ShellQuote.quote(path);
    String dir = ShellQuote.quote(path.substring(0, Math.max(1, path.lastIndexOf('/'))));
    return "mkdir -p "
        + dir
        + "; if (set -C; printf '%s\\n' "
        + ShellQuote.quote(me.line())
        + " > "
        + f
        + ") 2>/dev/null; then echo ACQUIRED; exit 0; fi; "
        + probeBody(f);
  }

  /** Reads the lock without changing anything: ABSENT, or HELD with the age and content. */
  public static String probeScript(String path) {
    String f = ShellQuote.quote(path);
    return "if [ ! -e " + f + " ]; then echo ABSENT; exit 0; fi; " + probeBody(f);
  }

  private static String probeBody(String f) {
    return "echo HELD $(( $(date +%s) - $(stat -c %Y "
        + f
        + " 2>/dev/null || date +%s) )); cat "
        + f
        + " 2>/dev/null; exit 0";
  }

  public static Probe parseProbe(String stdout) {
    String out = stdout.strip();
    if (out.startsWith("ACQUIRED")) {
      return new Probe(true, true, 0, "");
    }
    if (out.startsWith("ABSENT") || out.isEmpty()) {
      return new Probe(false, false, 0, "");
    }
    int nl = out.indexOf('\n');
    String first = nl < 0 ? out : out.substring(0, nl);
    String content = nl < 0 ? "" : out.substring(nl + 1).strip();
    long age = 0;
    try {
      age = Long.parseLong(first.substring("HELD".length()).strip());
    } catch (NumberFormatException e) {
      age = 0;
    }
    return new Probe(false, true, age, content);
  }

  /** Removes the lock only while it still holds {@code expected} (compare and delete). */
  public static String removeIfScript(String path, String expected) {
    String f = ShellQuote.quote(path);
    return "[ \"$(cat "
        + f
        + " 2>/dev/null)\" = "
        + ShellQuote.quote(expected)
        + " ] && rm -f "
        + f
        + "; exit 0";
  }

  /** Refreshes the heartbeat of our own lock. */
  public static String touchScript(String path, Holder me) {
    String f = ShellQuote.quote(path);
    return "grep -qF " + ShellQuote.quote(me.line()) + " " + f + " && touch -c " + f + "; exit 0";
  }

  /**
   * Whether a holder's run is over: same client and its process is gone, or its heartbeat is older
   * than {@code staleAfter}.
   */
  public static boolean isDead(
      Holder holder, long ageSeconds, String localClient, Duration staleAfter) {
    if (ageSeconds > staleAfter.toSeconds()) {
      return true;
    }
    return holder.client().equals(localClient) && ProcessHandle.of(holder.pid()).isEmpty();
  }
}
