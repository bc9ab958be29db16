package io.clusterfactory.cfctl.core.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.SecretRequest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key mixing a generated value with a provided one and plain text, with and without hash key. */
class TreeSealerMixedKeysTest {
  private static final String PATH = "manifests/stack/app/mixed-sealedsecret.yaml";
  private static final String CONFIG_TEMPLATE =
      "user = admin\npass = "
          + SecretRequest.placeholder("spec.pass")
          + "\n"
          + "token = "
          + SecretRequest.placeholder("spec.token")
          + "\n";
  private static final SealingCertificate CERTIFICATE = TestKeys.controllerCertificate();
  private static final SealHashKey HASH_KEY = SealHashKey.of(new byte[32]);

  @TempDir Path configDirectory;

  private static RenderedTree tree() {
    var request =
        new SecretRequest(
            "stack",
            "app",
            "ns",
            "mixed",
            "Opaque",
            PATH,
            new TreeMap<>(Map.of("cfctl.clusterfactory.io/component", "app")),
            new TreeMap<>(
                Map.of(
                    "config", CONFIG_TEMPLATE, "token", SecretRequest.placeholder("spec.token"))));
    var application =
        new RenderedObject(
            "apps/stack/app.yaml",
            "stack",
            "app",
            42,
            Delivery.APP,
            "argoproj.io/v1alpha1",
            "Application",
            "argocd",
            "stack-app",
            JsonNodeFactory.instance.objectNode());
    return new RenderedTree(
        new TreeMap<>(Map.of("apps/stack/app.yaml", "kind: Application\n".getBytes())),
        List.of(application),
        List.of(request),
        new TreeMap<>(
            Map.of(
                "spec.pass", SecretSource.generated(),
                "spec.token", SecretSource.fromEnv("APP_TOKEN"))));
  }

  private SealedTree seal(String token, SealHashKey hashKey, SealedTree previous) {
    return TreeSealer.seal(
        tree(),
        CERTIFICATE,
        new SecretInputs(configDirectory, Map.of("APP_TOKEN", token)),
        hashKey,
        path -> previous == null ? null : previous.files().get(path));
  }

  @Test
  @DisplayName("with a hash key, an unchanged mixed key is kept and its object has the app's wave")
  void keptWithHashKey() throws Exception {
    SealedTree first = seal("token-value-1", HASH_KEY, null);
    SealedTree second = seal("token-value-1", HASH_KEY, first);

    assertArrayEquals(first.files().get(PATH), second.files().get(PATH));
    assertEquals(42, first.sealedObjects().get(0).wave());
    String config = open(first, "config");
    assertTrue(config.startsWith("user = admin\npass = "), config);
    assertTrue(config.endsWith("\ntoken = token-value-1\n"), config);
  }

  @Test
  @DisplayName("with a hash key, a provided input changed inside a generated key is refused")
  void changedProvidedInsideGeneratedKeyIsRefused() {
    SealedTree first = seal("token-value-1", HASH_KEY, null);

    var error =
        assertThrows(InvalidInputException.class, () -> seal("token-value-2", HASH_KEY, first));
    assertTrue(error.getMessage().contains("spec.pass"), error.getMessage());
    assertTrue(error.getMessage().contains("ns/mixed[config]"), error.getMessage());
  }

  @Test
  @DisplayName("without a hash key, generated keys are still kept and provided keys re-sealed")
  void withoutHashKey() throws Exception {
    SealedTree first = seal("token-value-1", null, null);
    SealedTree second = seal("token-value-1", null, first);

    assertEquals(encrypted(first).get("config"), encrypted(second).get("config"));
    assertNotEquals(encrypted(first).get("token"), encrypted(second).get("token"));
    assertEquals("token-value-1", open(second, "token"));
    assertEquals(open(first, "config"), open(second, "config"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> encrypted(SealedTree sealed) {
    GenericKubernetesResource manifest =
        SealedSecretManifest.parse(
            new String(sealed.files().get(PATH), StandardCharsets.UTF_8), PATH);
    var spec = (Map<String, Object>) manifest.getAdditionalProperties().get("spec");
    return (Map<String, String>) spec.get("encryptedData");
  }

  private static String open(SealedTree sealed, String key) throws Exception {
    byte[] blob = Base64.getDecoder().decode(encrypted(sealed).get(key));
    byte[] label = "ns/mixed".getBytes(StandardCharsets.UTF_8);
    return new String(
        ControllerAlgorithm.open(TestKeys.controllerPrivateKey(), blob, label),
        StandardCharsets.UTF_8);
  }
}
