package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.apply.FakeArgo;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.secrets.TestKeys;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MockApiTier
@EnableKubernetesMockClient
class SealingCertificatesTest {
  private static final String PROXY_PATH =
      "/api/v1/namespaces/sealed-secrets/services/http:sealed-secrets:http/proxy/v1/cert.pem";

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path directory;

  @BeforeEach
  void controllerService() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/sealed-secrets/services/sealed-secrets")
        .andReturn(200, FakeArgo.sealedSecretsService())
        .always();
  }

  @Test
  @DisplayName("fetch GETs /v1/cert.pem through the service proxy and caches it with mode 0600")
  void fetchesThroughTheServiceProxy() throws Exception {
    String pem = TestKeys.resource("controller.cert.pem");
    server.expect().get().withPath(PROXY_PATH).andReturn(200, pem).once();
    Path cache = directory.resolve("cache");

    var certificate =
        SealingCertificates.fetch(
            client, "sealed-secrets", "sealed-secrets", cache, TestKeys.VALID_CLOCK);

    assertEquals(TestKeys.controllerCertificate().fingerprint(), certificate.fingerprint());
    server.takeRequest(5, TimeUnit.SECONDS); // the Service lookup
    RecordedRequest proxied = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals(PROXY_PATH, proxied.getPath());
    assertTrue(proxied.getHeader("Accept").startsWith("application/x-pem-file"));
    Path cached = SealingCertificates.cacheFile(cache, client.getMasterUrl().toString());
    assertEquals(pem, Files.readString(cached));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cached)));
  }

  @Test
  @DisplayName("when the controller does not answer, a valid cached copy is used")
  void fallsBackToTheCache() throws Exception {
    server
        .expect()
        .get()
        .withPath(PROXY_PATH)
        .andReturn(200, TestKeys.resource("controller.cert.pem"))
        .once();
    server
        .expect()
        .get()
        .withPath(PROXY_PATH)
        .andReturn(403, "services \"sealed-secrets\" is forbidden")
        .once();
    Path cache = directory.resolve("cache");
    SealingCertificates.fetch(
        client, "sealed-secrets", "sealed-secrets", cache, TestKeys.VALID_CLOCK);

    var again =
        SealingCertificates.fetch(
            client, "sealed-secrets", "sealed-secrets", cache, TestKeys.VALID_CLOCK);

    assertEquals(TestKeys.controllerCertificate().fingerprint(), again.fingerprint());
  }

  @Test
  @DisplayName("an error answer without a cache fails with the status and how to fix it")
  void errorWithoutCache() {
    server
        .expect()
        .get()
        .withPath(PROXY_PATH)
        .andReturn(403, "services \"sealed-secrets\" is forbidden")
        .once();

    var error =
        assertThrows(
            OperationFailedException.class,
            () ->
                SealingCertificates.fetch(
                    client, "sealed-secrets", "sealed-secrets", directory, TestKeys.VALID_CLOCK));

    assertTrue(error.getMessage().contains("HTTP 403"), error.getMessage());
    assertTrue(error.getMessage().contains("is forbidden"), error.getMessage());
    assertTrue(error.hint().contains("services/proxy"), error.hint());
    assertFalse(
        Files.exists(SealingCertificates.cacheFile(directory, client.getMasterUrl().toString())));
  }

  @Test
  @DisplayName("a missing controller service is reported as such")
  void missingService() {
    var error =
        assertThrows(
            OperationFailedException.class,
            () ->
                SealingCertificates.fetch(
                    client,
                    "kube-system",
                    "sealed-secrets-controller",
                    directory,
                    TestKeys.VALID_CLOCK));

    assertTrue(
        error.getMessage().contains("kube-system/sealed-secrets-controller"), error.getMessage());
  }

  @Test
  @DisplayName("an API server that does not answer is unreachable (exit 3)")
  void unreachableApiServer() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (KubernetesClient offline =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + closedPort)
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build()) {
      assertThrows(
          UnreachableException.class,
          () ->
              SealingCertificates.fetch(
                  offline, "sealed-secrets", "sealed-secrets", directory, TestKeys.VALID_CLOCK));
    }
  }
}
