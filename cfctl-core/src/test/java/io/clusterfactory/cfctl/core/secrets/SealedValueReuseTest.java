package io.clusterfactory.cfctl.core.secrets;

import static io.clusterfactory.cfctl.core.secrets.SealerTest.encryptedData;
import static io.clusterfactory.cfctl.core.secrets.SealerTest.sealedBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SealedValueReuseTest {
  private static final byte[] HASH_KEY = filled(32, (byte) 7);

  private final Sealer sealer =
      new Sealer(TestKeys.controllerCertificate(), SealHashKey.of(HASH_KEY));

  @Test
  @DisplayName("re-rendering unchanged inputs keeps the exact previous sealed bytes")
  void unchangedInputsKeepTheirBytes() {
    var secret = database("root-pass-1", "user-pass-1");
    String first = SealedSecretManifest.toYaml(sealer.seal(secret));

    String second = SealedSecretManifest.toYaml(sealer.seal(secret, fromTree(first)));

    assertEquals(first, second);
  }

  @Test
  @DisplayName("changing one input re-seals only that key")
  void onlyTheChangedKeyIsResealed() throws Exception {
    var first = sealer.seal(database("root-pass-1", "user-pass-1"));

    var second =
        sealer.seal(
            database("root-pass-1", "user-pass-2"), fromTree(SealedSecretManifest.toYaml(first)));

    assertEquals(encryptedData(first).get("root"), encryptedData(second).get("root"));
    assertNotEquals(encryptedData(first).get("user"), encryptedData(second).get("user"));
    byte[] opened =
        ControllerAlgorithm.open(
            TestKeys.controllerPrivateKey(),
            sealedBytes(second, "user"),
            "db/mariadb".getBytes(StandardCharsets.UTF_8));
    assertEquals("user-pass-2", new String(opened, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("the recorded HMAC never shows the clear value or its base64")
  void recordHoldsNoClearValue() {
    String yaml = SealedSecretManifest.toYaml(sealer.seal(database("root-pass-1", "user-pass-1")));

    assertTrue(yaml.contains(SealedValueReuse.ANNOTATION));
    for (String clear : new String[] {"root-pass-1", "user-pass-1"}) {
      assertFalse(yaml.contains(clear));
      assertFalse(yaml.contains(Base64.getEncoder().encodeToString(clear.getBytes())));
    }
  }

  @Test
  @DisplayName("another hash key cannot vouch for the previous bytes: everything is re-sealed")
  void anotherHashKeyReseals() {
    var secret = database("root-pass-1", "user-pass-1");
    var first = sealer.seal(secret);
    var otherSealer =
        new Sealer(TestKeys.controllerCertificate(), SealHashKey.of(filled(32, (byte) 9)));

    var second = otherSealer.seal(secret, fromTree(SealedSecretManifest.toYaml(first)));

    assertNotEquals(encryptedData(first).get("root"), encryptedData(second).get("root"));
    assertNotEquals(encryptedData(first).get("user"), encryptedData(second).get("user"));
  }

  @Test
  @DisplayName("a new scope or name re-seals every value: the old bytes are bound to another label")
  void newScopeReseals() {
    var secret = database("root-pass-1", "user-pass-1");
    var first = sealer.seal(secret);
    var previous = fromTree(SealedSecretManifest.toYaml(first));

    var widened = sealer.seal(secret.withScope(SealingScope.NAMESPACE_WIDE), previous);
    var renamed =
        sealer.seal(
            new SecretToSeal("db", "mariadb-2", null, null, null, null, secret.data(), null),
            previous);

    assertNotEquals(encryptedData(first).get("root"), encryptedData(widened).get("root"));
    assertNotEquals(encryptedData(first).get("root"), encryptedData(renamed).get("root"));
  }

  @Test
  @DisplayName("a generated value is generated once, then kept sealed as is on every re-render")
  void generatedValueIsKept() throws Exception {
    var secret =
        SecretToSeal.of(
            "db",
            "mariadb",
            Map.of("root", SecretValue.generated(SecretSource.GeneratedValue.DEFAULT)));
    var first = sealer.seal(secret);
    String generated =
        new String(
            ControllerAlgorithm.open(
                TestKeys.controllerPrivateKey(),
                sealedBytes(first, "root"),
                "db/mariadb".getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8);
    assertTrue(generated.matches("[A-Za-z0-9]{32}"), "generated value has the default shape");
    assertTrue(Redactor.global().redact("got " + generated).endsWith("***"));

    var second = sealer.seal(secret, fromTree(SealedSecretManifest.toYaml(first)));
    var withoutPrevious = sealer.seal(secret);

    assertEquals(encryptedData(first).get("root"), encryptedData(second).get("root"));
    assertNotEquals(encryptedData(first).get("root"), encryptedData(withoutPrevious).get("root"));
  }

  @Test
  @DisplayName("a generated value is kept even by a sealer without a hash key")
  void generatedValueKeptWithoutHashKey() {
    var plainSealer = new Sealer(TestKeys.controllerCertificate());
    var secret =
        SecretToSeal.of(
            "db",
            "mariadb",
            Map.of("root", SecretValue.generated(SecretSource.GeneratedValue.DEFAULT)));
    var first = plainSealer.seal(secret);

    var second = plainSealer.seal(secret, fromTree(SealedSecretManifest.toYaml(first)));

    assertEquals(encryptedData(first), encryptedData(second));
  }

  @Test
  @DisplayName("a key that was provided before is never taken for a generated one, nor the reverse")
  void provenanceMustMatch() {
    var provided = sealer.seal(database("root-pass-1", "user-pass-1"));
    var nowGenerated =
        new SecretToSeal(
            "db",
            "mariadb",
            null,
            null,
            null,
            null,
            new TreeMap<>(
                Map.of(
                    "root", SecretValue.generated(SecretSource.GeneratedValue.DEFAULT),
                    "user", SecretValue.of("user-pass-1"))),
            null);

    var second = sealer.seal(nowGenerated, fromTree(SealedSecretManifest.toYaml(provided)));

    assertNotEquals(encryptedData(provided).get("root"), encryptedData(second).get("root"));
    assertEquals(encryptedData(provided).get("user"), encryptedData(second).get("user"));
  }

  @Test
  @DisplayName("a new controller certificate re-seals provided values but keeps generated ones")
  void newCertificateResealsProvidedValues() {
    var secret =
        new SecretToSeal(
            "db",
            "mariadb",
            null,
            null,
            null,
            null,
            new TreeMap<>(
                Map.of(
                    "root", SecretValue.generated(SecretSource.GeneratedValue.DEFAULT),
                    "user", SecretValue.of("user-pass-1"))),
            null);
    var first = sealer.seal(secret);
    var renewed =
        SealingCertificate.parse(
            TestKeys.resource("future.cert.pem"),
            "future.cert.pem",
            Clock.fixed(Instant.parse("2095-01-01T00:00:00Z"), ZoneOffset.UTC));
    var renewedSealer = new Sealer(renewed, SealHashKey.of(HASH_KEY));

    var second = renewedSealer.seal(secret, fromTree(SealedSecretManifest.toYaml(first)));

    assertNotEquals(encryptedData(first).get("user"), encryptedData(second).get("user"));
    assertEquals(encryptedData(first).get("root"), encryptedData(second).get("root"));
  }

  @Test
  @DisplayName("a hand-edited, unreadable record costs a re-seal, never a failure")
  void unreadableRecordIsIgnored() {
    var first = sealer.seal(database("root-pass-1", "user-pass-1"));
    first.getMetadata().getAnnotations().put(SealedValueReuse.ANNOTATION, "{not json");

    var second = sealer.seal(database("root-pass-1", "user-pass-1"), first);

    assertNotEquals(encryptedData(first).get("root"), encryptedData(second).get("root"));
  }

  private static SecretToSeal database(String root, String user) {
    return SecretToSeal.of(
        "db", "mariadb", Map.of("root", SecretValue.of(root), "user", SecretValue.of(user)));
  }

  /** What the next render reads back from the Git tree. */
  private static GenericKubernetesResource fromTree(String yaml) {
    return SealedSecretManifest.parse(yaml, "db/mariadb-sealed-secret.yaml");
  }

  private static byte[] filled(int length, byte value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
