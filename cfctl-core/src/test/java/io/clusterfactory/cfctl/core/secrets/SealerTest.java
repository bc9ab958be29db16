package io.clusterfactory.cfctl.core.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SealerTest {
  private final Sealer sealer = new Sealer(TestKeys.controllerCertificate());

  @Test
  @DisplayName("the manifest has kubeseal's shape, keys sorted, and every value opens strictly")
  void manifestShape() throws Exception {
    Map<String, SecretValue> data = new LinkedHashMap<>();
    data.put("username", SecretValue.of("admin"));
    data.put("password", SecretValue.of("s3cret-pass"));
    var secret =
        SecretToSeal.of("gitops", "repo-credentials", data)
            .withLabels(Map.of("argocd.argoproj.io/secret-type", "repository"))
            .withAnnotations(Map.of("team", "hpc"));

    GenericKubernetesResource sealed = sealer.seal(secret);

    assertEquals(TestKeys.resource("sealed-secret-expected.yaml"), maskedYaml(sealed));
    var key = TestKeys.controllerPrivateKey();
    byte[] label = "gitops/repo-credentials".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "admin", new String(ControllerAlgorithm.open(key, sealedBytes(sealed, "username"), label)));
    assertEquals(
        "s3cret-pass",
        new String(ControllerAlgorithm.open(key, sealedBytes(sealed, "password"), label)));
  }

  @Test
  @DisplayName("non-strict scopes annotate both the SealedSecret and the template")
  void scopeAnnotations() {
    var sealed =
        sealer.seal(
            SecretToSeal.of("ns", "s", Map.of("k", SecretValue.of("value-1234")))
                .withScope(SealingScope.NAMESPACE_WIDE));

    assertEquals(
        "true", sealed.getMetadata().getAnnotations().get(SealingScope.NAMESPACE_WIDE_ANNOTATION));
    assertEquals(
        "true",
        templateMetadata(sealed, "annotations").get(SealingScope.NAMESPACE_WIDE_ANNOTATION));
  }

  @Test
  @DisplayName(
      "a Secret manifest is sealed like kubeseal -f: data, stringData wins, last-applied dropped")
  void sealsASecretManifest() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: ldap
          namespace: auth
          labels: {app: ldap}
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"x":"clear"}}'
            owner: me
        type: kubernetes.io/basic-auth
        data:
          username: %s
          password: %s
        stringData:
          password: from-string-data
        """
            .formatted(base64("cn=admin"), base64("overridden"));

    var sealed = sealer.sealManifest(yaml, "ldap-secret.yaml", null);

    var key = TestKeys.controllerPrivateKey();
    byte[] label = "auth/ldap".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "cn=admin",
        new String(ControllerAlgorithm.open(key, sealedBytes(sealed, "username"), label)));
    assertEquals(
        "from-string-data",
        new String(ControllerAlgorithm.open(key, sealedBytes(sealed, "password"), label)));
    assertEquals(Map.of("owner", "me"), templateMetadata(sealed, "annotations"));
    assertEquals(Map.of("app", "ldap"), templateMetadata(sealed, "labels"));
    assertEquals("kubernetes.io/basic-auth", template(sealed).get("type"));
    assertFalse(SealedSecretManifest.toYaml(sealed).contains("clear"));
  }

  @Test
  @DisplayName("sealing a manifest under an explicit scope overrides its annotations")
  void manifestScopeOverride() throws Exception {
    String yaml =
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns}\nstringData: {k: value-1}\n";

    var sealed = sealer.sealManifest(yaml, "s.yaml", SealingScope.CLUSTER_WIDE);

    byte[] opened =
        ControllerAlgorithm.open(
            TestKeys.controllerPrivateKey(), sealedBytes(sealed, "k"), new byte[0]);
    assertEquals("value-1", new String(opened));
  }

  @Test
  @DisplayName(
      "a manifest without namespace, with bad base64 or bad YAML is invalid input saying where")
  void invalidManifests() {
    var noNamespace =
        assertThrows(
            InvalidInputException.class,
            () ->
                sealer.sealManifest(
                    "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {k: v}\n",
                    "s.yaml",
                    null));
    assertTrue(noNamespace.getMessage().contains("s.yaml"), noNamespace.getMessage());
    assertTrue(noNamespace.getMessage().contains("namespace"), noNamespace.getMessage());

    var badBase64 =
        assertThrows(
            InvalidInputException.class,
            () ->
                sealer.sealManifest(
                    "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\ndata: {token: '%%%'}\n",
                    "s.yaml", null));
    assertTrue(badBase64.getMessage().contains("data.token"), badBase64.getMessage());

    var badYaml =
        assertThrows(
            InvalidInputException.class,
            () -> sealer.sealManifest("apiVersion: v1\nkind: [Secret\n", "broken.yaml", null));
    assertTrue(
        badYaml.getMessage().matches("(?s)broken\\.yaml:\\d+:\\d+: .*"), badYaml.getMessage());
  }

  @Test
  @DisplayName("the manifest survives YAML and back, so the next render can read it")
  void parsesItsOwnOutput() {
    var sealed = sealer.seal(SecretToSeal.of("ns", "s", Map.of("k", SecretValue.of("value-5678"))));

    var parsed = SealedSecretManifest.parse(SealedSecretManifest.toYaml(sealed), "s.yaml");

    assertEquals(SealedSecretManifest.toYaml(sealed), SealedSecretManifest.toYaml(parsed));
    assertThrows(
        InvalidInputException.class,
        () -> SealedSecretManifest.parse("apiVersion: v1\nkind: Secret\n", "x.yaml"));
  }

  @Test
  @DisplayName("without a hash key nothing about the inputs is recorded")
  void noRecordWithoutHashKey() {
    var sealed = sealer.seal(SecretToSeal.of("ns", "s", Map.of("k", SecretValue.of("value-5678"))));

    assertNull(sealed.getMetadata().getAnnotations());
  }

  static String maskedYaml(GenericKubernetesResource sealed) {
    var copy = SealedSecretManifest.parse(SealedSecretManifest.toYaml(sealed), "copy");
    Map<String, String> encrypted = encryptedData(copy);
    encrypted.replaceAll((key, value) -> "<sealed>");
    return SealedSecretManifest.toYaml(copy);
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> encryptedData(GenericKubernetesResource sealed) {
    var spec = (Map<String, Object>) sealed.getAdditionalProperties().get("spec");
    return (Map<String, String>) spec.get("encryptedData");
  }

  static byte[] sealedBytes(GenericKubernetesResource sealed, String key) {
    return Base64.getDecoder().decode(encryptedData(sealed).get(key));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> template(GenericKubernetesResource sealed) {
    var spec = (Map<String, Object>) sealed.getAdditionalProperties().get("spec");
    return (Map<String, Object>) spec.get("template");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> templateMetadata(
      GenericKubernetesResource sealed, String field) {
    var metadata = (Map<String, Object>) template(sealed).get("metadata");
    return new TreeMap<>((Map<String, String>) metadata.get(field));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("the same inputs give byte-identical manifests apart from the sealed values")
  void deterministicApartFromSealedValues() {
    Map<String, SecretValue> forward = new LinkedHashMap<>();
    forward.put("a", SecretValue.of("value-aaaa"));
    forward.put("b", SecretValue.of("value-bbbb"));
    Map<String, SecretValue> backward = new LinkedHashMap<>();
    backward.put("b", SecretValue.of("value-bbbb"));
    backward.put("a", SecretValue.of("value-aaaa"));

    assertEquals(
        maskedYaml(sealer.seal(SecretToSeal.of("ns", "s", forward))),
        maskedYaml(sealer.seal(SecretToSeal.of("ns", "s", backward))));
    assertArrayEquals(
        new String[] {"a", "b"},
        encryptedData(sealer.seal(SecretToSeal.of("ns", "s", backward))).keySet().toArray());
  }
}
