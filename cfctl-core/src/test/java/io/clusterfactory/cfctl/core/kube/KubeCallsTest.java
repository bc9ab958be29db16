package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KubeCallsTest {
  private static KubernetesClientException http(int code) {
    return new KubernetesClientException("HTTP " + code, code, null);
  }

  @Test
  @DisplayName("429, 5xx and connection resets are transient; 4xx and 501 are not")
  void classifiesTransientFailures() {
    assertTrue(KubeCalls.isTransient(http(429)));
    assertTrue(KubeCalls.isTransient(http(500)));
    assertTrue(KubeCalls.isTransient(http(503)));
    assertTrue(
        KubeCalls.isTransient(
            new KubernetesClientException(
                "request failed", new SocketException("Connection reset"))));
    assertFalse(KubeCalls.isTransient(http(404)));
    assertFalse(KubeCalls.isTransient(http(409)));
    assertFalse(KubeCalls.isTransient(http(501)));
  }

  @Test
  @DisplayName("backoff grows exponentially with jitter and never beyond its ceiling")
  void backoffGrowsWithJitter() {
    List<Duration> sleeps = new ArrayList<>();
    RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(800), 6);
    KubeCalls calls =
        new KubeCalls(
            "https://10.199.0.10:6443", policy, Deadline.in(Duration.ofMinutes(5)), sleeps::add);
    AtomicInteger attempts = new AtomicInteger();

    String result =
        calls.call(
            "reading x",
            () -> {
              if (attempts.incrementAndGet() <= 5) {
                throw http(503);
              }
              return "ok";
            });

    assertEquals("ok", result);
    assertEquals(5, sleeps.size());
    long[] ceilings = {100, 200, 400, 800, 800};
    for (int i = 0; i < sleeps.size(); i++) {
      assertTrue(sleeps.get(i).toMillis() <= ceilings[i], "sleep " + i + " = " + sleeps.get(i));
    }
  }

  @Test
  @DisplayName("connection failures until the deadline end as 'unreachable' naming the API server")
  void connectionFailuresAreUnreachable() {
    KubeCalls calls =
        new KubeCalls(
            "https://10.199.0.10:6443", RetryPolicy.DEFAULT, Deadline.in(Duration.ZERO), d -> {});

    UnreachableException error =
        assertThrows(
            UnreachableException.class,
            () ->
                calls.call(
                    "reading x",
                    () -> {
                      throw new KubernetesClientException(
                          "failed", new SocketException("Connection reset"));
                    }));

    assertEquals("https://10.199.0.10:6443", error.target());
    assertTrue(error.getMessage().contains("Connection reset"), error.getMessage());
  }

  @Test
  @DisplayName(
      "a schema refusal is bad input at once, whatever its code (SSA answers 500 since 1.31)")
  void schemaRefusalIsInvalidInputNotRetried() {
    String typed =
        "failed to create typed patch object (web/app; apps/v1, Kind=Deployment):"
            + " .spec.template.spec.containers[name=\"app\"].imagePullPolcy: field not declared"
            + " in schema";
    for (int code : new int[] {500, 400, 422}) {
      KubernetesClientException refused =
          new KubernetesClientException(
              new io.fabric8.kubernetes.api.model.StatusBuilder()
                  .withCode(code)
                  .withMessage(typed)
                  .build());
      assertFalse(KubeCalls.isTransient(refused), "code " + code);
      AtomicInteger attempts = new AtomicInteger();
      KubeCalls calls =
          new KubeCalls(
              "https://10.199.0.10:6443",
              RetryPolicy.DEFAULT,
              Deadline.in(Duration.ofMinutes(1)),
              d -> {});
      io.clusterfactory.cfctl.core.error.InvalidInputException error =
          assertThrows(
              io.clusterfactory.cfctl.core.error.InvalidInputException.class,
              () ->
                  calls.call(
                      "applying apps/v1 Deployment web/app",
                      () -> {
                        attempts.incrementAndGet();
                        throw refused;
                      }));
      assertEquals(1, attempts.get(), "never retried");
      assertEquals(
          "applying apps/v1 Deployment web/app: the API server refused field"
              + " spec.template.spec.containers[name=\"app\"].imagePullPolcy: field not declared"
              + " in schema",
          error.getMessage());
      assertEquals(2, error.exitCode().code());
    }
    // strict decoding (create/update) names the field too
    KubernetesClientException strict =
        new KubernetesClientException(
            new io.fabric8.kubernetes.api.model.StatusBuilder()
                .withCode(400)
                .withMessage(
                    "Deployment in version \"v1\" cannot be handled as a Deployment: strict"
                        + " decoding error: unknown field \"spec.replica\"")
                .build());
    assertEquals("unknown field \"spec.replica\"", KubeCalls.schemaRefusal(strict));
    // an ordinary 500 stays transient
    assertTrue(KubeCalls.isTransient(http(500)));
  }
}
