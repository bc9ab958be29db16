package io.clusterfactory.cfctl.core.pipeline;

import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.InternalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs per-host work on a bounded worker pool: a host starts as soon as a worker is free, so one
 * slow host never holds back a batch (k0sctl uses batches with barriers). Every host's failure is
 * collected, then reported together.
 */
public final class HostPool {
  private HostPool() {}

  /**
   * Runs {@code work} for every item with at most {@code limit} at once (0 = unlimited), waits for
   * all, and throws {@link HostsFailedException} naming every host that failed.
   */
  public static <H> void each(
      String what, List<H> items, int limit, Function<H, String> name, Consumer<H> work) {
    if (items.isEmpty()) {
      return;
    }
    int threads = limit <= 0 ? items.size() : Math.min(limit, items.size());
    if (threads == 1) {
      Map<String, CfctlException> failures = new TreeMap<>();
      for (H item : items) {
        run(item, name, work, failures);
      }
      throwIfFailed(what, failures);
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "cfctl-host");
              t.setDaemon(true);
              return t;
            });
    Map<String, CfctlException> failures = new TreeMap<>();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (H item : items) {
        futures.add(pool.submit(() -> run(item, name, work, failures)));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InternalException("interrupted while waiting for hosts", e);
        } catch (ExecutionException e) {
          throw new InternalException("host worker crashed", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    throwIfFailed(what, failures);
  }

  private static <H> void run(
      H item, Function<H, String> name, Consumer<H> work, Map<String, CfctlException> failures) {
    try {
      work.accept(item);
    } catch (CfctlException e) {
      synchronized (failures) {
        failures.put(name.apply(item), e);
      }
    } catch (RuntimeException e) {
      synchronized (failures) {
        failures.put(name.apply(item), new InternalException(String.valueOf(e.getMessage()), e));
      }
    }
  }

  private static void throwIfFailed(String what, Map<String, CfctlException> failures) {
    if (!failures.isEmpty()) {
      throw new HostsFailedException(what, failures);
    }
  }
}
