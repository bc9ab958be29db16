package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  /** Runs API calls so that the caller can stop waiting at the deadline. */
  private static final ExecutorService WORKERS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "kube-call");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * The least time an attempt gets, even at the deadline: a wait reads the objects one last time to
   * report what is not ready, and that read may end this much past the deadline.
   */
  private static final Duration ATTEMPT_FLOOR = Duration.ofSeconds(2);

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
        return withinDeadline(what, call, attempt + 1);
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
   * Runs one attempt, giving up when the run's deadline passes. fabric8's request timeout ends when
   * the answer's headers arrive: a body trickled a byte at a time would hold the call for ever.
   */
  private <T> T withinDeadline(String what, Supplier<T> call, int attempt) {
    Future<T> running = WORKERS.submit(call::get);
    try {
      long limit = Math.max(ATTEMPT_FLOOR.toMillis(), deadline.remaining().toMillis());
      return running.get(limit, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // fabric8 cancels its request when the waiting thread is interrupted
      running.cancel(true);
      throw new UnreachableException(
          apiServer,
          what
              + ": no answer from the API server "
              + apiServer
              + " before the deadline ("
              + attempt
              + (attempt == 1 ? " attempt)" : " attempts)"),
          "check that the API server " + apiServer + " is up and reachable, or raise --timeout",
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      throw new OperationFailedException(what + ": interrupted", e);
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

  /**
   * 429, 5xx, or no HTTP answer at all: the connection failed, or the server accepted it and did
   * not answer within the request timeout (fabric8 reports that as a {@link TimeoutException}, not
   * an IOException).
   */
  public static boolean isTransient(KubernetesClientException e) {
    int code = e.getCode();
    if (schemaRefusal(e) != null) {
      // the same object is refused again on every retry, whatever code the server chose
      return false;
    }
    if (code == 429 || (code >= 500 && code != 501)) {
      return true;
    }
    return code <= 0 && hasNetworkCause(e);
  }

  private static boolean hasNetworkCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return true;
      }
      // the HTTP codec could not read an answer at all (garbage on the wire): no API server spoke
      if (t.getClass().getName().startsWith("io.netty.handler.codec.")) {
        return true;
      }
    }
    return false;
  }

  private CfctlException exhausted(String what, KubernetesClientException e, int attempts) {
    String tries =
        " (still failing after " + attempts + (attempts == 1 ? " attempt)" : " attempts)");
    if (e.getCode() <= 0) {
      return new UnreachableException(
          apiServer,
          what + ": no answer from the API server " + apiServer + ": " + describe(e) + tries,
          "check that the API server " + apiServer + " is up and reachable",
          e);
    }
    String message = what + ": " + describe(e) + tries;
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
    String refused = schemaRefusal(e);
    if (refused != null) {
      return new io.clusterfactory.cfctl.core.error.InvalidInputException(
          what + ": the API server refused " + refused,
          "fix the manifest or the cluster.yaml value that renders it (`cfctl validate` checks"
              + " offline what it can; the API server's schema is the last word)",
          e);
    }
    if (e.getCode() == 422) {
      // strict field validation (or any other schema check) refused the object: bad input
      return new io.clusterfactory.cfctl.core.error.InvalidInputException(
          what + ": " + describe(e),
          "the API server refused a field of this object; fix the manifest or the cluster.yaml"
              + " value that renders it",
          e);
    }
    if (e.getCode() == 401 || e.getCode() == 403) {
      return new OperationFailedException(
          what + ": " + describe(e), "check the kubeconfig credentials and RBAC of its user", e);
    }
    return new OperationFailedException(what + ": " + describe(e), e);
  }

  /** Server-side apply's typed-patch refusal: {@code (ns/name; gvk): <path>: <why>}. */
  private static final java.util.regex.Pattern TYPED_PATCH =
      java.util.regex.Pattern.compile(
          "failed to create typed patch object(?: \\([^)]*\\))?: (\\S+): (.+)",
          java.util.regex.Pattern.DOTALL);

  /** Strict decoding's refusal (create, update): {@code unknown field "spec.foo"}. */
  private static final java.util.regex.Pattern STRICT_DECODING =
      java.util.regex.Pattern.compile(
          "strict decoding error: (.+)", java.util.regex.Pattern.DOTALL);

  /**
   * The field and reason when the API server refused the object's content against its schema, else
   * null. Server-side apply of a field the schema does not declare is answered with the message
   * {@code failed to create typed patch object (...): .spec.x: field not declared in schema}, and
   * with HTTP 500 by the API servers of Kubernetes 1.31 and later (kubernetes/kubernetes#122480,
   * #139253), so the message, not the code, says what it is.
   */
  static String schemaRefusal(KubernetesClientException e) {
    String message =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : null;
    if (message == null) {
      return null;
    }
    java.util.regex.Matcher typed = TYPED_PATCH.matcher(message);
    if (typed.find()) {
      String path = typed.group(1);
      return "field "
          + (path.startsWith(".") ? path.substring(1) : path)
          + ": "
          + typed.group(2).strip();
    }
    java.util.regex.Matcher strict = STRICT_DECODING.matcher(message);
    if (strict.find() && (e.getCode() == 400 || e.getCode() == 422)) {
      return strict.group(1).strip();
    }
    return null;
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
