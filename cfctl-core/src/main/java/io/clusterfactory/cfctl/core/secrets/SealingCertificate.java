package io.clusterfactory.cfctl.core.secrets;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The sealed-secrets controller's public certificate, which is all sealing needs. It comes either
 * from a PEM file kept in the repository (offline sealing, recommended for CI) or from the
 * controller itself ({@code core.kube.SealingCertificates}: fetching is delivery, sealing does no
 * network I/O). An expired or not-yet-valid certificate is refused: the controller would still open
 * what it seals, but an expired certificate means its key has long been rotated and the file is
 * stale.
 */
public final class SealingCertificate {
  private final X509Certificate certificate;
  private final String pem;
  private final String source;

  private SealingCertificate(X509Certificate certificate, String pem, String source) {
    this.certificate = certificate;
    this.pem = pem;
    this.source = source;
  }

  /** Reads and checks a PEM certificate file (offline sealing). */
  public static SealingCertificate load(Path pemFile) {
    return load(pemFile, Clock.systemUTC());
  }

  /** {@link #load(Path)} with a clock, for tests of the validity check. */
  public static SealingCertificate load(Path pemFile, Clock clock) {
    String pem;
    try {
      pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          "sealing certificate " + pemFile + " does not exist",
          "fetch it with `kubeseal --fetch-cert > " + pemFile + "` or let cfctl fetch it");
    } catch (IOException e) {
      throw new InvalidInputException(
          "reading sealing certificate " + pemFile + ": " + e.getMessage(), null, e);
    }
    return parse(pem, pemFile.toString(), clock);
  }

  /**
   * Parses PEM text and checks it is a currently valid certificate with an RSA key.
   *
   * @param source where the text came from, named in every error
   */
  public static SealingCertificate parse(String pem, String source, Clock clock) {
    X509Certificate certificate;
    try {
      var factory = CertificateFactory.getInstance("X.509");
      certificate =
          (X509Certificate)
              factory.generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException | ClassCastException e) {
      throw new InvalidInputException(
          "sealing certificate " + source + " is not a PEM X.509 certificate: " + e.getMessage(),
          "it must start with -----BEGIN CERTIFICATE-----, as `kubeseal --fetch-cert` prints it",
          e);
    }
    if (!"RSA".equals(certificate.getPublicKey().getAlgorithm())) {
      throw new InvalidInputException(
          "sealing certificate "
              + source
              + " holds a "
              + certificate.getPublicKey().getAlgorithm()
              + " key; the sealed-secrets controller uses RSA");
    }
    var sealingCertificate = new SealingCertificate(certificate, pem, source);
    sealingCertificate.checkValidAt(clock.instant());
    return sealingCertificate;
  }

  /** The public key values are sealed with. */
  public PublicKey publicKey() {
    return certificate.getPublicKey();
  }

  /** The certificate itself. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The PEM text, as read or fetched. */
  public String pem() {
    return pem;
  }

  /** The file or URL the certificate came from. */
  public String source() {
    return source;
  }

  /** When the certificate expires. */
  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  /** SHA-256 of the DER certificate, lower-case hex: identifies the controller key. */
  public String fingerprint() {
    try {
      return sha256Hex(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException(
          "sealing certificate " + source + " cannot be encoded: " + e.getMessage(), null, e);
    }
  }

  private void checkValidAt(Instant now) {
    Instant notBefore = certificate.getNotBefore().toInstant();
    Instant notAfter = notAfter();
    if (now.isAfter(notAfter)) {
      throw new InvalidInputException(
          "sealing certificate " + source + " expired on " + notAfter,
          "fetch the controller's current certificate (`kubeseal --fetch-cert`, or let cfctl"
              + " fetch it from the cluster) and replace the file");
    }
    if (now.isBefore(notBefore)) {
      throw new InvalidInputException(
          "sealing certificate " + source + " is not valid before " + notBefore,
          "check this machine's clock, or fetch the controller's current certificate");
    }
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
