package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs API calls, retrying transient failures (429, 5xx, connection errors) with {@link
 * RetryPolicy} until the run's {@link Deadline}, and turns the final failure into a cfctl error.
 * fabric8's own retry must be off ({@code requestRetryBackoffLimit=0}, see {@link KubeClients}) so
 * this is the only retry loop and the deadline holds.
 */
public final class KubeCalls {
  private static final Logger logger = LoggerFactory.getLogger(KubeCalls.class);

  /** Sleeps; replaced in tests that must not wait. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final String apiServer;
  private final RetryPolicy policy;
  private final Deadline deadline;
  private final Sleeper sleeper;

  public KubeCalls(String apiServer, RetryPolicy policy, Deadline deadline) {
    this(apiServer, policy, deadline, d -> Thread.sleep(d.toMillis()));
  }

  public KubeCalls(String apiServer, RetryPolicy policy, Deadline deadline, Sleeper sleeper) {
    this.apiServer = apiServer;
    this.policy = policy;
    this.deadline = deadline;
    this.sleeper = sleeper;
  }

  public Deadline deadline() {
    return deadline;
  }

  /**
   * Calls {@code call}, retrying transient failures.
   *
   * @param what "doing X" context for the error message, e.g. "reading ConfigMap/ns/a"
   */
  public <T> T call(String what, Supplier<T> call) {
    int attempt = 0;
    while (true) {
      try {
        return call.get();
      } catch (KubernetesClientException e) {
        if (!isTransient(e)) {
          throw failure(what, e);
        }
        attempt++;
        Duration ceiling = policy.ceiling(attempt - 1);
        Duration sleep =
            Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling.toMillis() + 1));
        if (attempt >= policy.maxAttempts() || sleep.compareTo(deadline.remaining()) >= 0) {
          throw exhausted(what, e, attempt);
        }
        logger.debug(
            "{}: transient failure ({}), retry {} in {} ms",
            what,
            describe(e),
            attempt,
            sleep.toMillis());
        try {
          sleeper.sleep(sleep);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new OperationFailedException(what + ": interrupted", interrupted);
        }
      }
    }
  }

  /**
   * Polls {@code probe} with backoff until it yields a value; fails when the deadline is reached.
   * For things that appear shortly after a write, such as the resource of a CRD just created.
   */
  public <T> T untilPresent(String what, Supplier<Optional<T>> probe) {
    for (int attempt = 0; ; attempt++) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      Duration sleep = policy.ceiling(attempt);
      if (sleep.compareTo(deadline.remaining()) >= 0) {
        throw new OperationFailedException(
            what + ": not available before the timeout",
            "check that the CRD defining it is applied and Established",
            null);
      }
      try {
        sleeper.sleep(sleep);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new OperationFailedException(what + ": interrupted", interrupted);
      }
    }
  }

  /** 429, 5xx, or no HTTP answer at all because the connection failed. */
  public static boolean isTransient(KubernetesClientException e) {
    int code = e.getCode();
    if (code == 429 || (code >= 500 && code != 501)) {
      return true;
    }
    return code <= 0 && hasIoCause(e);
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private CfctlException exhausted(String what, KubernetesClientException e, int attempts) {
    String message = what + ": " + describe(e) + " (still failing after " + attempts + " attempts)";
    if (e.getCode() <= 0) {
      return new UnreachableException(
          apiServer, message, "check that the API server " + apiServer + " is up and reachable", e);
    }
    return new OperationFailedException(
        message, "the API server is overloaded or failing; retry later or raise --timeout", e);
  }

  /** Maps a non-transient failure; a 409 from server-side apply is a field-ownership conflict. */
  CfctlException failure(String what, KubernetesClientException e) {
    if (e.getCode() == 409) {
      return new OperationFailedException(
          what + ": " + describe(e),
          "another field manager owns these fields; fix the other writer or re-run with"
              + " --force-conflicts to take them over",
          e);
    }
    if (e.getCode() == 401 || e.getCode() == 403) {
      return new OperationFailedException(
          what + ": " + describe(e), "check the kubeconfig credentials and RBAC of its user", e);
    }
    return new OperationFailedException(what + ": " + describe(e), e);
  }

  static String describe(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return "HTTP " + e.getCode() + ": " + e.getStatus().getMessage();
    }
    if (e.getCode() > 0) {
      return "HTTP " + e.getCode();
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
