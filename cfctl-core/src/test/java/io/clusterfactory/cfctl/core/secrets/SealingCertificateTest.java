package io.clusterfactory.cfctl.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealingCertificateTest {
  @TempDir Path directory;

  @Test
  @DisplayName("a valid certificate file loads, with its RSA key")
  void loadsAFile() throws Exception {
    var certificate =
        SealingCertificate.load(
            TestKeys.resourceFile("controller.cert.pem", directory), TestKeys.VALID_CLOCK);

    assertEquals("RSA", certificate.publicKey().getAlgorithm());
    assertEquals(Instant.parse("2035-01-01T00:00:00Z"), certificate.notAfter());
  }

  @Test
  @DisplayName("an expired certificate is refused, naming the file and the date")
  void expiredCertificateIsRefused() throws Exception {
    Path file = TestKeys.resourceFile("expired.cert.pem", directory);

    var error = assertThrows(InvalidInputException.class, () -> SealingCertificate.load(file));

    assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    assertTrue(error.getMessage().contains("expired on 2021-01-01T00:00:00Z"), error.getMessage());
    assertTrue(error.hint().contains("fetch"), error.hint());
  }

  @Test
  @DisplayName("a certificate not yet valid is refused, naming the file and the date")
  void notYetValidCertificateIsRefused() throws Exception {
    Path file = TestKeys.resourceFile("future.cert.pem", directory);

    var error = assertThrows(InvalidInputException.class, () -> SealingCertificate.load(file));

    assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    assertTrue(error.getMessage().contains("not valid before 2090-01-01T00:00:00Z"));
  }

  @Test
  @DisplayName("the validity window is checked against the clock at both ends")
  void validityWindow() throws Exception {
    Path file = TestKeys.resourceFile("controller.cert.pem", directory);

    assertThrows(
        InvalidInputException.class, () -> SealingCertificate.load(file, clockAt("2036-01-01")));
    assertThrows(
        InvalidInputException.class, () -> SealingCertificate.load(file, clockAt("2024-01-01")));
  }

  @Test
  @DisplayName("a missing file, a non-certificate and a non-RSA certificate are invalid input")
  void badFiles() throws Exception {
    Path missing = directory.resolve("nope.pem");
    Path garbage = Files.writeString(directory.resolve("garbage.pem"), "hello");
    Path ec = TestKeys.resourceFile("ec.cert.pem", directory);

    assertTrue(
        assertThrows(InvalidInputException.class, () -> SealingCertificate.load(missing))
            .getMessage()
            .contains("does not exist"));
    assertTrue(
        assertThrows(InvalidInputException.class, () -> SealingCertificate.load(garbage))
            .getMessage()
            .contains("not a PEM X.509 certificate"));
    assertTrue(
        assertThrows(
                InvalidInputException.class,
                () -> SealingCertificate.load(ec, TestKeys.VALID_CLOCK))
            .getMessage()
            .contains("RSA"));
  }

  private static Clock clockAt(String day) {
    return Clock.fixed(Instant.parse(day + "T00:00:00Z"), ZoneOffset.UTC);
  }
}
