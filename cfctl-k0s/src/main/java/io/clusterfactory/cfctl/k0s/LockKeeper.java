package io.clusterfactory.cfctl.k0s;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the timestamp of every lock this run holds, so another run can tell a live lock from
 * the leftover of a killed one.
 */
public final class LockKeeper {
  private static final Logger logger = LoggerFactory.getLogger(LockKeeper.class);

  private final Duration interval;
  private final Map<String, ScheduledFuture<?>> beats = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer;

  LockKeeper(Duration interval) {
    this.interval = interval;
  }

  /** Starts refreshing a host's lock with {@code touch}; replaces an earlier heartbeat. */
  public synchronized void start(HostState host, Runnable touch) {
    if (timer == null) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "cfctl-lock-heartbeat");
                t.setDaemon(true);
                return t;
              });
    }
    long ms = interval.toMillis();
    ScheduledFuture<?> beat =
        timer.scheduleWithFixedDelay(
            () -> {
              try {
                touch.run();
              } catch (RuntimeException e) {
                logger.debug("{}: lock heartbeat failed: {}", host.name(), e.getMessage());
              }
            },
            ms,
            ms,
            TimeUnit.MILLISECONDS);
    ScheduledFuture<?> previous = beats.put(host.name(), beat);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  public void stop(HostState host) {
    ScheduledFuture<?> beat = beats.remove(host.name());
    if (beat != null) {
      beat.cancel(false);
    }
  }

  public synchronized void stopAll() {
    beats.values().forEach(b -> b.cancel(false));
    beats.clear();
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
