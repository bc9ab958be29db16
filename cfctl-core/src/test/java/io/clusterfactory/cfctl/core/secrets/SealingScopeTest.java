package io.clusterfactory.cfctl.core.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SealingScopeTest {
  private static final byte[] VALUE = "p4ssw0rd-for-db".getBytes(StandardCharsets.UTF_8);

  @Test
  @DisplayName("each scope binds its own label, as the controller's EncryptionLabel")
  void labels() {
    assertEquals("ns/db", text(SealingScope.STRICT.label("ns", "db")));
    assertEquals("ns", text(SealingScope.NAMESPACE_WIDE.label("ns", "db")));
    assertEquals("", text(SealingScope.CLUSTER_WIDE.label("ns", "db")));
  }

  @Test
  @DisplayName("non-strict scopes carry the annotation the controller reads; strict carries none")
  void annotations() {
    assertEquals(Map.of(), SealingScope.STRICT.annotations());
    assertEquals(
        Map.of("sealedsecrets.bitnami.com/namespace-wide", "true"),
        SealingScope.NAMESPACE_WIDE.annotations());
    assertEquals(
        Map.of("sealedsecrets.bitnami.com/cluster-wide", "true"),
        SealingScope.CLUSTER_WIDE.annotations());
    for (SealingScope scope : SealingScope.values()) {
      assertEquals(scope, SealingScope.fromAnnotations(scope.annotations()));
      assertEquals(scope, SealingScope.parse(scope.id()));
    }
  }

  @Test
  @DisplayName("a strict value opens only under its own namespace and name")
  void strictValueCannotMove() throws Exception {
    Opened opened = sealAs(SealingScope.STRICT, "ns", "db");

    assertArrayEquals(VALUE, opened.as(SealingScope.STRICT, "ns", "db"));
    assertThrows(IllegalStateException.class, () -> opened.as(SealingScope.STRICT, "ns", "other"));
    assertThrows(IllegalStateException.class, () -> opened.as(SealingScope.STRICT, "prod", "db"));
    assertThrows(
        IllegalStateException.class, () -> opened.as(SealingScope.NAMESPACE_WIDE, "ns", "db"));
  }

  @Test
  @DisplayName("a namespace-wide value opens under any name of its namespace only")
  void namespaceWideValue() throws Exception {
    Opened opened = sealAs(SealingScope.NAMESPACE_WIDE, "ns", "db");

    assertArrayEquals(VALUE, opened.as(SealingScope.NAMESPACE_WIDE, "ns", "renamed"));
    assertThrows(
        IllegalStateException.class, () -> opened.as(SealingScope.NAMESPACE_WIDE, "prod", "db"));
  }

  @Test
  @DisplayName("a cluster-wide value opens anywhere")
  void clusterWideValue() throws Exception {
    Opened opened = sealAs(SealingScope.CLUSTER_WIDE, "ns", "db");

    assertArrayEquals(VALUE, opened.as(SealingScope.CLUSTER_WIDE, "prod", "anything"));
  }

  @Test
  @DisplayName("an unknown scope name is invalid input listing the valid ones")
  void unknownScope() {
    var error = assertThrows(InvalidInputException.class, () -> SealingScope.parse("global"));
    assertTrue(error.getMessage().contains("global"));
    assertTrue(error.hint().contains("namespace-wide"));
  }

  /** Seals through the Sealer and opens what the controller would, from the manifest's scope. */
  private static Opened sealAs(SealingScope scope, String namespace, String name) throws Exception {
    var sealer = new Sealer(TestKeys.controllerCertificate());
    var manifest =
        sealer.seal(
            SecretToSeal.of(namespace, name, Map.of("password", SecretValue.of(VALUE)))
                .withScope(scope));
    assertEquals(scope, SealingScope.fromAnnotations(manifest.getMetadata().getAnnotations()));
    @SuppressWarnings("unchecked")
    var spec = (Map<String, Object>) manifest.getAdditionalProperties().get("spec");
    @SuppressWarnings("unchecked")
    var encrypted = (Map<String, String>) spec.get("encryptedData");
    return new Opened(Base64.getDecoder().decode(encrypted.get("password")));
  }

  private record Opened(byte[] sealed) {
    byte[] as(SealingScope scope, String namespace, String name) throws Exception {
      RSAPrivateKey key = TestKeys.controllerPrivateKey();
      return ControllerAlgorithm.open(key, sealed, scope.label(namespace, name));
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
