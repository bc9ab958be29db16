package io.clusterfactory.cfctl.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
  private final Redactor redactor = new Redactor();

  @Test
  @DisplayName("a registered value is masked, and so are its base64 forms")
  void registeredValueAndBase64() {
    String value = "db-pass-Zx9?";
    redactor.register(value);
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);

    assertEquals("connecting with *** now", redactor.redact("connecting with " + value + " now"));
    assertEquals(
        "data: ***", redactor.redact("data: " + Base64.getEncoder().encodeToString(bytes)));
    assertEquals(
        "x=*** y",
        redactor.redact(
            "x=" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + " y"));
  }

  @Test
  @DisplayName("values are literal text, not patterns")
  void valuesAreLiteral() {
    redactor.register("a.b*c$1");

    assertEquals("*** but not axb", redactor.redact("a.b*c$1 but not axb"));
  }

  @Test
  @DisplayName("overlapping and nested values are masked as one run, with nothing left over")
  void overlappingValues() {
    redactor.register("abcdef");
    redactor.register("defghi");
    redactor.register("bcd1");

    assertEquals("[***]", redactor.redact("[abcdefghi]"));
    assertEquals("***-***", redactor.redact("abcdef-bcd1"));
  }

  @Test
  @DisplayName("binary values are masked by their base64 forms; values under 4 chars are ignored")
  void binaryAndShortValues() {
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3};
    redactor.register(binary);
    redactor.register("ab");

    assertEquals("key ***", redactor.redact("key " + Base64.getEncoder().encodeToString(binary)));
    assertEquals("ab stays", redactor.redact("ab stays"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"})
  @DisplayName("PEM private key blocks are masked whatever their type")
  void pemPrivateKeys(String type) {
    String text =
        "key:\n-----BEGIN "
            + type
            + "-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END "
            + type
            + "-----\ndone";

    String redacted = redactor.redact(text);

    assertEquals("key:\n-----BEGIN " + type + "-----***\ndone", redacted);
  }

  @Test
  @DisplayName("a truncated private key is masked to the end; certificates are left alone")
  void truncatedKeyAndCertificates() {
    String certificate = TestKeys.resource("controller.cert.pem");

    assertEquals(
        "-----BEGIN PRIVATE KEY-----***",
        redactor.redact("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B"));
    assertEquals(certificate, redactor.redact(certificate));
  }

  @Test
  @DisplayName("bearer tokens and basic credentials are masked")
  void bearerAndBasic() {
    assertEquals(
        "Authorization: Bearer ***",
        redactor.redact("Authorization: Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6Ik.abc-def_ghi"));
    assertEquals(
        "authorization: Basic ***", redactor.redact("authorization: Basic YWRtaW46c2VjcmV0"));
  }

  @Test
  @DisplayName("k0s join tokens are masked, by their gzip prefix and after `token create`")
  void k0sJoinTokens() {
    String token = "H4sIAAAAAAAC/2yVS4+jOBKH7/0pOOSrZsBUPPZX" + "A".repeat(80) + "==";
    String otherBlob = "QWxhZGRpbjpvcGVuIHNlc2FtZQ" + "B".repeat(60);

    assertEquals("join with ***", redactor.redact("join with " + token));
    assertEquals(
        "c1: k0s token create --role=worker: ***",
        redactor.redact("c1: k0s token create --role=worker: " + otherBlob));
    assertEquals(otherBlob, redactor.redact(otherBlob));
  }

  @Test
  @DisplayName("password=...-style pairs are masked in key=value, YAML, JSON and flag forms")
  void secretPairs() {
    assertEquals("password=*** user=admin", redactor.redact("password=hunter22 user=admin"));
    assertEquals("DB_PASSWORD: ***", redactor.redact("DB_PASSWORD: s3cr3t"));
    assertEquals(
        "{\"rootPassword\":\"***\",\"x\":1}",
        redactor.redact("{\"rootPassword\":\"s3cr3t\",\"x\":1}"));
    assertEquals("client-key-data: ***", redactor.redact("client-key-data: LS0tLS1CRUdJTiBSU0E"));
    assertEquals("token: ***", redactor.redact("token: abc.def"));
    assertEquals("mysql --password *** -h db", redactor.redact("mysql --password hunter22 -h db"));
    assertEquals("api_key=***", redactor.redact("api_key=AKIA1234"));
  }

  @Test
  @DisplayName("credentials in URLs are masked")
  void urlCredentials() {
    assertEquals(
        "cloning https://git:***@git.example.org/repo.git",
        redactor.redact("cloning https://git:ghp_abc123@git.example.org/repo.git"));
  }

  @Test
  @DisplayName("ordinary log lines pass through unchanged")
  void ordinaryTextUnchanged() {
    for (String line :
        List.of(
            "==> Running phase: Install controllers",
            "c1: installing k0s v1.31.2+k0s.0",
            "secretName: grendel-secret",
            "Sealed gitops/repo-credentials: 2 of 2 values kept from the previous render",
            "tokenTTL 24h")) {
      assertEquals(line, redactor.redact(line));
    }
  }

  @Test
  @DisplayName("with ten thousand registered values every one is still found")
  void manyValues() {
    var random = new Random(42);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String value = Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "-v" + i;
      values.add(value);
      redactor.register(value);
    }
    var line = new StringBuilder();
    for (int i = 0; i < values.size(); i += 997) {
      line.append("value ").append(values.get(i)).append("; ");
    }

    String redacted = redactor.redact(line.toString());

    for (int i = 0; i < values.size(); i += 997) {
      assertFalse(redacted.contains(values.get(i)), values.get(i));
    }
    assertTrue(redacted.startsWith("value ***; value ***;"), redacted);
  }

  @Test
  @DisplayName("values registered after a redaction are masked too")
  void lateRegistration() {
    assertEquals("late-value-1", redactor.redact("late-value-1"));

    redactor.register("late-value-1");

    assertEquals("***", redactor.redact("late-value-1"));
  }
}
