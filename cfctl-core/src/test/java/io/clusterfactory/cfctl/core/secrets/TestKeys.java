package io.clusterfactory.cfctl.core.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/** Fixtures under src/test/resources/secrets (see make-fixtures.py there) and fresh keys. */
public final class TestKeys {
  /** Inside the validity of controller.cert.pem (2025..2035). */
  public static final Clock VALID_CLOCK =
      Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  private TestKeys() {}

  public static String resource(String name) {
    try (InputStream in = TestKeys.class.getResourceAsStream("/secrets/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /secrets/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a resource to {@code directory} and returns its path. */
  static Path resourceFile(String name, Path directory) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, resource(name), StandardCharsets.US_ASCII);
    return file;
  }

  static RSAPrivateKey controllerPrivateKey() throws Exception {
    String pem =
        resource("controller.key.pem")
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return (RSAPrivateKey)
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }

  public static SealingCertificate controllerCertificate() {
    return SealingCertificate.parse(
        resource("controller.cert.pem"), "controller.cert.pem", VALID_CLOCK);
  }

  static KeyPair freshRsaKeyPair(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }
}
