package io.clusterfactory.cfctl.k0s.ssh;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes one SSH connection's socket when the host stops answering, which unblocks whatever sshj
 * thread waits on it: a read that a per-read timeout would not bound (a banner trickled a byte a
 * second) or a write stuck on a full TCP window (a host frozen mid-upload holds sshj's write lock,
 * so its own keepalive cannot even be sent).
 *
 * <p>Two rules, one at a time: while connecting, the handshake (banner, key exchange,
 * authentication) must end by a deadline; once connected, the host must send something at least
 * every {@code silence}: cfctl's keepalives ask it to answer more often than that. When a rule is
 * broken, {@link #verdict()} says what the connection was waiting for.
 */
final class ConnectionWatchdog implements Closeable {
  private static final Logger logger = LoggerFactory.getLogger(ConnectionWatchdog.class);
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "ssh-watchdog");
            thread.setDaemon(true);
            return thread;
          });
  private static final long CHECK_MILLIS = 200;

  private final String peer;
  private volatile Closeable target;
  private volatile long lastInbound = System.nanoTime();
  private volatile long handshakeEnd;
  private volatile Duration handshakeLimit;
  private volatile Supplier<String> waitingFor = () -> "an answer";
  private volatile Duration silence;
  private volatile String verdict;
  private final ScheduledFuture<?> task;

  /**
   * @param peer {@code user@host:port}, the start of every verdict
   */
  ConnectionWatchdog(String peer) {
    this.peer = peer;
    this.task =
        TIMER.scheduleWithFixedDelay(
            this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * A socket whose reads tell the watchdog the host is alive; it becomes what the watchdog closes.
   */
  Socket newSocket() {
    Socket socket =
        new Socket() {
          @Override
          public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
              @Override
              public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                  lastInbound = System.nanoTime();
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                  lastInbound = System.nanoTime();
                }
                return n;
              }
            };
          }
        };
    target = socket;
    return socket;
  }

  /** Closes {@code closeable} (a bastion tunnel) instead of a socket when a rule is broken. */
  void watch(Closeable closeable) {
    target = closeable;
  }

  /**
   * The handshake must end within {@code limit}; {@code phase} names what is awaited at the time
   * the deadline passes (e.g. "SSH banner").
   */
  void handshake(Duration limit, Supplier<String> phase) {
    handshakeLimit = limit;
    waitingFor = phase;
    handshakeEnd = System.nanoTime() + limit.toNanos();
  }

  /**
   * The connection is up: from now on the host may be silent at most {@code limit} (the keepalive
   * interval must be well below it). Without a socket to count bytes on, only the keepalive of sshj
   * watches the connection.
   */
  void established(Duration limit) {
    lastInbound = System.nanoTime();
    handshakeEnd = 0;
    silence = target instanceof Socket ? limit : null;
  }

  /** How long the host has sent nothing (on a direct connection). */
  Duration silentFor() {
    return Duration.ofNanos(System.nanoTime() - lastInbound);
  }

  /** Why the watchdog closed the connection, or null when it did not. */
  String verdict() {
    return verdict;
  }

  private void check() {
    try {
      checkRules();
    } catch (RuntimeException e) {
      // a periodic task that throws is never run again: keep watching
      logger.warn("{}: watchdog check failed", peer, e);
    }
  }

  private void checkRules() {
    if (verdict != null) {
      return;
    }
    long now = System.nanoTime();
    if (handshakeEnd != 0 && now - handshakeEnd >= 0) {
      fire(peer + ": no " + waitingFor.get() + " within " + seconds(handshakeLimit));
    } else if (silence != null && now - lastInbound >= silence.toNanos()) {
      fire(peer + ": the host sent nothing for " + seconds(silence) + " (keepalives unanswered)");
    }
  }

  private void fire(String why) {
    verdict = why;
    Closeable closing = target;
    if (closing != null) {
      try {
        closing.close();
      } catch (IOException | RuntimeException e) {
        // the connection is being dropped: a failure to close changes nothing
      }
    }
    task.cancel(false);
  }

  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0
        ? millis / 1000 + "s"
        : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
