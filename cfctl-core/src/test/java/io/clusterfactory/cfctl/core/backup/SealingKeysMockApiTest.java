package io.clusterfactory.cfctl.core.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.kube.KubeCalls;
import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.core.kube.RetryPolicy;
import io.clusterfactory.cfctl.core.secrets.HybridCrypto;
import io.clusterfactory.cfctl.core.secrets.Sealer;
import io.clusterfactory.cfctl.core.secrets.SecretToSeal;
import io.clusterfactory.cfctl.core.secrets.SecretValue;
import io.clusterfactory.cfctl.core.secrets.TestKeys;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The sealed-secrets key Secrets through a backup archive, from one API to a new one; a
 * SealedSecret sealed with the old controller's certificate opens with the restored key, as the
 * controller opens it.
 */
@MockApiTier
class SealingKeysMockApiTest {
  static KubeCalls calls(MockCluster c) {
    return new KubeCalls(c.url(), RetryPolicy.DEFAULT, Deadline.in(Duration.ofMinutes(1)));
  }

  @Test
  @DisplayName("key Secrets round-trip through the archive; an old SealedSecret opens with them")
  void roundTrip() throws Exception {
    // the old cluster: the controller's key Secret, and a SealedSecret sealed with its certificate
    GenericKubernetesResource sealed =
        new Sealer(TestKeys.controllerCertificate())
            .seal(SecretToSeal.of("gitops", "db", Map.of("password", SecretValue.of("s3cret"))));
    byte[] archive;
    try (MockCluster old = new MockCluster()) {
      old.client()
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(SealingKeys.NAMESPACE)
                  .endMetadata()
                  .build())
          .create();
      old.client()
          .secrets()
          .inNamespace(SealingKeys.NAMESPACE)
          .resource(keySecret("sealed-secrets-key7xk2p"))
          .create();
      // a Secret without the label is not a key
      old.client()
          .secrets()
          .inNamespace(SealingKeys.NAMESPACE)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("other")
                  .endMetadata()
                  .addToData("a", "Yg==")
                  .build())
          .create();
      List<Secret> keys = SealingKeys.read(old.client(), calls(old));
      assertEquals(
          List.of("sealed-secrets-key7xk2p"),
          keys.stream().map(s -> s.getMetadata().getName()).toList());
      assertEquals(null, keys.get(0).getMetadata().getResourceVersion());
      TreeMap<String, byte[]> entries = new TreeMap<>();
      entries.put(BackupBundle.K0S_ENTRY, new byte[] {1, 2, 3});
      entries.put(BackupBundle.SEALING_KEYS_ENTRY, SealingKeys.toYaml(keys));
      BackupManifest m =
          BackupArchive.manifest(
              new BackupManifest(
                  null, "lab", "2026-12-02T12:00:00Z", "t", null, null, null, null, null),
              entries);
      archive = BackupArchive.toBytes(m, entries);
    }

    // the new cluster: keys restored from the archive
    try (MockCluster fresh = new MockCluster()) {
      BackupArchive.Opened opened = BackupArchive.read(archive, "backup");
      SealingKeys.apply(
          fresh.client(),
          calls(fresh),
          SealingKeys.fromYaml(opened.entry(BackupBundle.SEALING_KEYS_ENTRY)));
      // applying twice (a re-run) replaces, never fails
      SealingKeys.apply(
          fresh.client(),
          calls(fresh),
          SealingKeys.fromYaml(opened.entry(BackupBundle.SEALING_KEYS_ENTRY)));
      Secret restored =
          fresh
              .client()
              .secrets()
              .inNamespace(SealingKeys.NAMESPACE)
              .withName("sealed-secrets-key7xk2p")
              .get();
      assertEquals("active", restored.getMetadata().getLabels().get(SealingKeys.LABEL));
      assertEquals("kubernetes.io/tls", restored.getType());

      // open the old value as the controller does: RSA-OAEP session key + AES-GCM, label ns/name
      PrivateKey key =
          privateKey(
              new String(
                  Base64.getDecoder().decode(restored.getData().get("tls.key")),
                  StandardCharsets.US_ASCII));
      @SuppressWarnings("unchecked")
      var spec = (Map<String, Object>) sealed.getAdditionalProperties().get("spec");
      @SuppressWarnings("unchecked")
      String value = ((Map<String, String>) spec.get("encryptedData")).get("password");
      byte[] plain =
          HybridCrypto.decrypt(
              key, Base64.getDecoder().decode(value), "gitops/db".getBytes(StandardCharsets.UTF_8));
      assertEquals("s3cret", new String(plain, StandardCharsets.UTF_8));
    }
  }

  static Secret keySecret(String name) {
    String crt = TestKeys.resource("controller.cert.pem");
    String key = TestKeys.resource("controller.key.pem");
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Map.of(SealingKeys.LABEL, "active"))
        .endMetadata()
        .withType("kubernetes.io/tls")
        .withData(
            Map.of(
                "tls.crt",
                    Base64.getEncoder().encodeToString(crt.getBytes(StandardCharsets.US_ASCII)),
                "tls.key",
                    Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII))))
        .build();
  }

  static PrivateKey privateKey(String pem) throws Exception {
    String b64 =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }
}
