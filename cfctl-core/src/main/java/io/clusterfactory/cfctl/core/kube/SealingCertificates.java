package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.secrets.SealingCertificate;
import io.clusterfactory.cfctl.core.secrets.SecureFiles;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the sealed-secrets controller's certificate from a running cluster, as {@code kubeseal
 * --fetch-cert} does, and keeps a copy per API server. This is delivery (it talks to the API
 * server), so it lives here and not beside the sealing code, which does no network I/O.
 */
public final class SealingCertificates {
  private static final Logger logger = LoggerFactory.getLogger(SealingCertificates.class);

  private static final long FETCH_TIMEOUT_SECONDS = 30;

  private SealingCertificates() {}

  /**
   * Fetches the controller's certificate through the API server's service proxy, like {@code
   * kubeseal --fetch-cert}, and caches it under {@link #defaultCacheDirectory()}. When the
   * controller cannot be reached but a valid cached copy exists, the cached copy is used.
   */
  public static SealingCertificate fetch(
      KubernetesClient client, String namespace, String serviceName) {
    return fetch(client, namespace, serviceName, defaultCacheDirectory(), Clock.systemUTC());
  }

  /**
   * {@link #fetch(KubernetesClient, String, String)} with an explicit cache directory and clock.
   */
  public static SealingCertificate fetch(
      KubernetesClient client,
      String namespace,
      String serviceName,
      Path cacheDirectory,
      Clock clock) {
    Path cacheFile = cacheFile(cacheDirectory, client.getMasterUrl().toString());
    String url;
    String pem;
    try {
      url = certificateUrl(client, namespace, serviceName);
      pem = get(client, url);
    } catch (UnreachableException | OperationFailedException e) {
      Optional<SealingCertificate> cached = readCache(cacheFile, clock);
      if (cached.isPresent()) {
        logger.warn(
            "Cannot fetch the sealing certificate ({}); using the cached copy {}",
            e.getMessage(),
            cacheFile);
        return cached.get();
      }
      throw e;
    }
    SealingCertificate fetched = SealingCertificate.parse(pem, url, clock);
    SecureFiles.createPrivateDirectories(cacheDirectory);
    SecureFiles.writePrivate(cacheFile, pem.getBytes(StandardCharsets.US_ASCII));
    logger.debug("Cached the sealing certificate of {} in {}", url, cacheFile);
    return fetched;
  }

  /** {@code ${XDG_CACHE_HOME:-~/.cache}/cfctl/sealing}. */
  public static Path defaultCacheDirectory() {
    String xdgCache = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdgCache != null && !xdgCache.isBlank()
            ? Path.of(xdgCache)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("cfctl").resolve("sealing");
  }

  /** The cache file of the certificate fetched from the API server at {@code masterUrl}. */
  public static Path cacheFile(Path cacheDirectory, String masterUrl) {
    return cacheDirectory.resolve(sha256Hex(masterUrl).substring(0, 16) + ".pem");
  }

  private static Optional<SealingCertificate> readCache(Path cacheFile, Clock clock) {
    if (!Files.isRegularFile(cacheFile)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SealingCertificate.load(cacheFile, clock));
    } catch (InvalidInputException e) {
      logger.debug("Ignoring the cached sealing certificate {}: {}", cacheFile, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * kubeseal's route to the controller: the first port of its Service, through the API server's
   * service proxy ({@code services/http:<name>:<port>/proxy/v1/cert.pem}).
   */
  private static String certificateUrl(
      KubernetesClient client, String namespace, String serviceName) {
    Service service;
    try {
      service = client.services().inNamespace(namespace).withName(serviceName).get();
    } catch (KubernetesClientException e) {
      throw failure(client, "reading service " + namespace + "/" + serviceName, e);
    }
    if (service == null) {
      throw new OperationFailedException(
          "the sealed-secrets controller service " + namespace + "/" + serviceName + " not found",
          "install the gitops stack first, or name the controller's namespace and service",
          null);
    }
    List<ServicePort> ports =
        service.getSpec() == null || service.getSpec().getPorts() == null
            ? List.of()
            : service.getSpec().getPorts();
    if (ports.isEmpty()) {
      throw new OperationFailedException(
          "the sealed-secrets controller service "
              + namespace
              + "/"
              + serviceName
              + " has no port");
    }
    ServicePort port = ports.get(0);
    String portName =
        port.getName() != null && !port.getName().isEmpty()
            ? port.getName()
            : String.valueOf(port.getPort());
    String base = client.getMasterUrl().toString();
    return (base.endsWith("/") ? base : base + "/")
        + "api/v1/namespaces/"
        + namespace
        + "/services/http:"
        + serviceName
        + ":"
        + portName
        + "/proxy/v1/cert.pem";
  }

  private static String get(KubernetesClient client, String url) {
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(url)
            .header("Accept", "application/x-pem-file, */*")
            .timeout(FETCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .build();
    HttpResponse<String> response;
    try {
      response =
          client
              .getHttpClient()
              .sendAsync(request, String.class)
              .get(FETCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException(url, "fetching the sealing certificate: interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new UnreachableException(
          url,
          "fetching the sealing certificate from " + url + ": " + cause,
          "check the kubeconfig and that the API server is reachable, or pass a certificate file",
          cause);
    }
    if (!response.isSuccessful()) {
      throw new OperationFailedException(
          "fetching the sealing certificate from "
              + url
              + ": HTTP "
              + response.code()
              + " "
              + abbreviate(response.body()),
          "check that the sealed-secrets controller is running and that you may get"
              + " services/proxy in its namespace",
          null);
    }
    return response.body();
  }

  private static RuntimeException failure(
      KubernetesClient client, String doing, KubernetesClientException e) {
    if (isConnectionFailure(e)) {
      return new UnreachableException(
          client.getMasterUrl().toString(), doing + ": " + e.getMessage(), e);
    }
    return new OperationFailedException(doing + ": " + e.getMessage(), e);
  }

  private static boolean isConnectionFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String abbreviate(String body) {
    if (body == null) {
      return "";
    }
    String line = body.strip().replaceAll("\\s+", " ");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
