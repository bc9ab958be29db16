package io.clusterfactory.cfctl.core.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.SecretRequest;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seals the secret requests of examples/full and opens them with the controller's algorithm. */
class TreeSealerTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "full", "cluster.yaml");
  private static final String LDAP_ADMIN = "spec.software.ldap.adminPassword";
  private static final String WALLET = "spec.software.supervisor.walletKey";

  private static final Map<String, String> ENV =
      Map.of(
          "NODE_ROOT_PASSWORD", "node-root-pass-7731",
          "PROVIDER_WALLET_KEY", "wallet-key-0xdeadbeef42");
  private static final String DEPLOY_KEY =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nZGVwbG95LWtleS1ieXRlcy1mb3ItdGVzdHM=\n"
          + "-----END OPENSSH PRIVATE KEY-----";
  private static final String SUPERVISOR_KEY = "supervisor-ssh-key-material-5521";

  private static RenderedTree tree;
  private static RSAPrivateKey controllerKey;
  private static final SealingCertificate CERTIFICATE = TestKeys.controllerCertificate();
  private static final SealHashKey HASH_KEY = SealHashKey.of(new byte[32]);

  @TempDir Path configDirectory;

  @BeforeAll
  static void render() throws Exception {
    tree = TreeRenderer.render(new ConfigLoader(ENV::get, ValidationMode.OFFLINE).load(EXAMPLE));
    controllerKey = TestKeys.controllerPrivateKey();
  }

  private SecretInputs inputs(Map<String, String> environment) throws Exception {
    Files.createDirectories(configDirectory.resolve(".secrets"));
    Path deployKey = configDirectory.resolve(".secrets/argocd-deploy-key");
    Path supervisorKey = configDirectory.resolve(".secrets/supervisor-ssh-key");
    Files.writeString(deployKey, DEPLOY_KEY + "\n");
    Files.writeString(supervisorKey, SUPERVISOR_KEY);
    for (Path file : List.of(deployKey, supervisorKey)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return new SecretInputs(configDirectory, environment);
  }

  private SealedTree sealFresh() throws Exception {
    return TreeSealer.seal(tree, CERTIFICATE, inputs(ENV), HASH_KEY, path -> null);
  }

  private SealedTree reseal(SealedTree previous, Map<String, String> environment) throws Exception {
    return TreeSealer.seal(
        tree, CERTIFICATE, inputs(environment), HASH_KEY, path -> previous.files().get(path));
  }

  @Test
  @DisplayName("the example needs the inputs this test provides, and shares generated ones")
  void exampleInputs() {
    assertEquals(
        "NODE_ROOT_PASSWORD", tree.secretInputs().get("spec.provisioning.rootPassword").env());
    assertEquals("PROVIDER_WALLET_KEY", tree.secretInputs().get(WALLET).env());
    assertTrue(tree.secretInputs().get(LDAP_ADMIN).generate() != null);
    assertTrue(usesOf(LDAP_ADMIN).size() >= 2, "the LDAP password feeds several Secrets");
  }

  @Test
  @DisplayName("every request becomes a SealedSecret opening to exactly the filled template")
  void everyRequestOpensToItsFilledTemplate() throws Exception {
    SealedTree sealed = sealFresh();

    Map<String, String> clear = clearInputs(sealed);
    assertEquals(tree.secretInputs().keySet(), clear.keySet());
    for (SecretRequest request : tree.secrets()) {
      GenericKubernetesResource manifest = manifest(sealed, request);
      assertEquals(Sealer.KIND, manifest.getKind());
      assertEquals(request.namespace(), manifest.getMetadata().getNamespace());
      assertEquals(request.name(), manifest.getMetadata().getName());
      assertEquals(request.labels(), manifest.getMetadata().getLabels());
      assertEquals(request.data().keySet(), encryptedData(manifest).keySet());
      for (Map.Entry<String, String> entry : request.data().entrySet()) {
        assertEquals(
            SecretRequest.fill(entry.getValue(), clear::get),
            open(manifest, entry.getKey()),
            request.path() + " key " + entry.getKey());
      }
    }
    for (String id : List.of(LDAP_ADMIN, "spec.software.mariadb.slurmPassword")) {
      assertTrue(clear.get(id).matches("[A-Za-z0-9]{32}"), id + " is a default generated value");
    }
  }

  @Test
  @DisplayName("the sealed tree keeps every rendered file and adds one synced object per Secret")
  void treeFilesAndObjects() throws Exception {
    SealedTree sealed = sealFresh();

    for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
      assertArrayEquals(file.getValue(), sealed.files().get(file.getKey()), file.getKey());
    }
    assertEquals(tree.files().size() + tree.secrets().size(), sealed.files().size());
    assertEquals(tree.secrets().size(), sealed.sealedObjects().size());
    for (int i = 0; i < tree.secrets().size(); i++) {
      SecretRequest request = tree.secrets().get(i);
      RenderedObject object = sealed.sealedObjects().get(i);
      assertEquals(request.path(), object.path());
      assertEquals(request.stack(), object.stack());
      assertEquals(request.component(), object.component());
      assertEquals(Delivery.SYNCED, object.delivery());
      assertEquals(Sealer.KIND, object.kind());
      assertEquals(request.name(), object.body().path("metadata").path("name").asText());
      int applicationWave =
          tree.objects().stream()
              .filter(o -> o.kind().equals("Application"))
              .filter(o -> o.component().equals(request.component()))
              .findFirst()
              .orElseThrow()
              .wave();
      assertEquals(applicationWave, object.wave(), request.path());
    }
  }

  @Test
  @DisplayName("re-sealing with the previous tree and the same inputs gives the same bytes")
  void unchangedInputsGiveIdenticalFiles() throws Exception {
    SealedTree first = sealFresh();
    SealedTree second = reseal(first, ENV);

    assertEquals(first.files().keySet(), second.files().keySet());
    for (String path : first.files().keySet()) {
      assertArrayEquals(first.files().get(path), second.files().get(path), path);
    }
  }

  @Test
  @DisplayName("changing one input re-seals only the keys that use it")
  void oneChangedInputChangesOnlyItsKeys() throws Exception {
    SealedTree first = sealFresh();
    Map<String, String> changed = new HashMap<>(ENV);
    changed.put("PROVIDER_WALLET_KEY", "another-wallet-key-9981");
    SealedTree second = reseal(first, changed);

    List<String> changedFiles = new ArrayList<>();
    for (String path : first.files().keySet()) {
      if (!java.util.Arrays.equals(first.files().get(path), second.files().get(path))) {
        changedFiles.add(path);
      }
    }
    SecretRequest supervisor = usesOf(WALLET).get(0);
    assertEquals(List.of(supervisor.path()), changedFiles);

    var before = encryptedData(manifest(first, supervisor));
    var after = encryptedData(manifest(second, supervisor));
    assertEquals("another-wallet-key-9981", open(manifest(second, supervisor), "wallet-key"));
    assertNotEquals(before.get("wallet-key"), after.get("wallet-key"));
    before.remove("wallet-key");
    after.remove("wallet-key");
    assertEquals(before, after, "the other keys keep their sealed bytes");

    List<String> beforeLines = lines(first, supervisor);
    List<String> afterLines = lines(second, supervisor);
    assertEquals(beforeLines.size(), afterLines.size());
    List<String> changedLines = new ArrayList<>();
    for (int i = 0; i < beforeLines.size(); i++) {
      if (!beforeLines.get(i).equals(afterLines.get(i))) {
        changedLines.add(afterLines.get(i).trim().replaceAll(":.*", ""));
      }
    }
    assertEquals(
        List.of(SealedValueReuse.ANNOTATION, "wallet-key"),
        changedLines,
        "only the key's sealed value and its recorded HMAC change");
  }

  @Test
  @DisplayName("generated values are kept across renders and differ between fresh renders")
  void generatedValuesAreKeptAndFresh() throws Exception {
    SealedTree first = sealFresh();
    SealedTree otherFresh = sealFresh();
    Map<String, String> firstValues = clearInputs(first);

    assertNotEquals(firstValues.get(LDAP_ADMIN), clearInputs(otherFresh).get(LDAP_ADMIN));

    Map<String, String> changed = new HashMap<>(ENV);
    changed.put("NODE_ROOT_PASSWORD", "changed-root-pass-1234");
    SealedTree kept = reseal(first, changed);
    for (SecretRequest request : usesOf(LDAP_ADMIN)) {
      assertEquals(encryptedData(manifest(first, request)), encryptedData(manifest(kept, request)));
    }
    assertEquals(firstValues.get(LDAP_ADMIN), clearInputs(kept).get(LDAP_ADMIN));
  }

  @Test
  @DisplayName("a generated value whose only Secret was deleted is generated anew, alone")
  void deletedGeneratedSecretIsGeneratedAgain() throws Exception {
    SealedTree first = sealFresh();
    SecretRequest munge = usesOf("spec.software.slurm.mungeKey").get(0);
    SealedTree second =
        TreeSealer.seal(
            tree,
            CERTIFICATE,
            inputs(ENV),
            HASH_KEY,
            path -> path.equals(munge.path()) ? null : first.files().get(path));

    assertNotEquals(
        open(manifest(first, munge), "munge.key"), open(manifest(second, munge), "munge.key"));
    for (String path : first.files().keySet()) {
      if (!path.equals(munge.path())) {
        assertArrayEquals(first.files().get(path), second.files().get(path), path);
      }
    }
  }

  @Test
  @DisplayName("a generated value sealed in one Secret but missing from another is refused")
  void partlySealedGeneratedValueIsRefused() throws Exception {
    SealedTree first = sealFresh();
    SecretRequest connector =
        usesOf(LDAP_ADMIN).stream()
            .filter(r -> r.name().equals("ldap-connector"))
            .findFirst()
            .orElseThrow();

    var error =
        assertThrows(
            InvalidInputException.class,
            () ->
                TreeSealer.seal(
                    tree,
                    CERTIFICATE,
                    inputs(ENV),
                    HASH_KEY,
                    path -> path.equals(connector.path()) ? null : first.files().get(path)));
    assertTrue(error.getMessage().contains(LDAP_ADMIN), error.getMessage());
    assertTrue(error.getMessage().contains("ldap-connector/ldap-connector[bind-password]"));
    assertTrue(error.hint().contains("kubectl -n ldap get secret ldap-admin"), error.hint());
  }

  @Test
  @DisplayName("a template changed around a generated value is refused, not regenerated")
  void changedTemplateAroundGeneratedValueIsRefused() throws Exception {
    SealedTree first = sealFresh();
    List<SecretRequest> requests = new ArrayList<>();
    for (SecretRequest r : tree.secrets()) {
      SortedMap<String, String> data = new TreeMap<>(r.data());
      if (r.name().equals("slurmdbd-config")) {
        data.put("slurmdbd.conf", data.get("slurmdbd.conf").replace("DbdPort=6819", "DbdPort=1"));
      }
      requests.add(
          new SecretRequest(
              r.stack(),
              r.component(),
              r.namespace(),
              r.name(),
              r.type(),
              r.path(),
              r.labels(),
              data));
    }
    RenderedTree edited =
        new RenderedTree(tree.files(), tree.objects(), requests, tree.secretInputs());

    var error =
        assertThrows(
            InvalidInputException.class,
            () ->
                TreeSealer.seal(
                    edited, CERTIFICATE, inputs(ENV), HASH_KEY, path -> first.files().get(path)));
    assertTrue(error.getMessage().contains("spec.software.mariadb.slurmPassword"));
    assertTrue(error.getMessage().contains("slurm/slurmdbd-config[slurmdbd.conf]"));
  }

  @Test
  @DisplayName("every missing input is named in one error, and nothing is sealed")
  void missingInputsAreReportedTogether() throws Exception {
    SecretInputs missing = inputs(Map.of());
    Files.delete(configDirectory.resolve(".secrets/supervisor-ssh-key"));

    var error =
        assertThrows(
            InvalidInputException.class,
            () -> TreeSealer.seal(tree, CERTIFICATE, missing, HASH_KEY, path -> null));
    String message = error.getMessage();
    assertTrue(message.startsWith("3 secret inputs are missing"), message);
    for (String expected :
        List.of(
            "spec.provisioning.rootPassword",
            "NODE_ROOT_PASSWORD",
            WALLET,
            "PROVIDER_WALLET_KEY",
            "spec.software.supervisor.sshKey",
            ".secrets/supervisor-ssh-key")) {
      assertTrue(message.contains(expected), expected + " in: " + message);
    }
  }

  @Test
  @DisplayName("no clear input value, provided or generated, is anywhere in the sealed tree")
  void noClearValueInTheTree(@TempDir Path out) throws Exception {
    SealedTree sealed = sealFresh();
    for (Map.Entry<String, byte[]> file : sealed.files().entrySet()) {
      Path target = out.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
    var values = clearInputs(sealed).values();
    assertFalse(values.isEmpty());
    SecretLeaks.assertNone(SecretLeaks.inTree(out, values));
  }

  // ---- helpers ----

  private static List<SecretRequest> usesOf(String input) {
    return tree.secrets().stream()
        .filter(
            r ->
                r.data().values().stream().anyMatch(t -> SecretRequest.inputsOf(t).contains(input)))
        .toList();
  }

  /**
   * The clear value of every input: provided ones as given, generated ones opened from a key
   * holding nothing but that value.
   */
  private Map<String, String> clearInputs(SealedTree sealed) throws Exception {
    Map<String, String> values = new TreeMap<>();
    values.put("spec.provisioning.rootPassword", ENV.get("NODE_ROOT_PASSWORD"));
    values.put(WALLET, ENV.get("PROVIDER_WALLET_KEY"));
    values.put("spec.gitops.argocd.credentials.sshPrivateKey", DEPLOY_KEY);
    values.put("spec.software.supervisor.sshKey", SUPERVISOR_KEY);
    for (SecretRequest request : tree.secrets()) {
      for (Map.Entry<String, String> entry : request.data().entrySet()) {
        List<String> ids = SecretRequest.inputsOf(entry.getValue());
        if (ids.size() == 1
            && entry.getValue().equals(SecretRequest.placeholder(ids.get(0)))
            && tree.secretInputs().get(ids.get(0)).generate() != null) {
          values.putIfAbsent(ids.get(0), open(manifest(sealed, request), entry.getKey()));
        }
      }
    }
    return values;
  }

  private static List<String> lines(SealedTree sealed, SecretRequest request) {
    return new String(sealed.files().get(request.path()), StandardCharsets.UTF_8).lines().toList();
  }

  private static GenericKubernetesResource manifest(SealedTree sealed, SecretRequest request) {
    return SealedSecretManifest.parse(
        new String(sealed.files().get(request.path()), StandardCharsets.UTF_8), request.path());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> encryptedData(GenericKubernetesResource manifest) {
    var spec = (Map<String, Object>) manifest.getAdditionalProperties().get("spec");
    return new TreeMap<>((Map<String, String>) spec.get("encryptedData"));
  }

  private static String open(GenericKubernetesResource manifest, String key) throws Exception {
    byte[] label =
        (manifest.getMetadata().getNamespace() + "/" + manifest.getMetadata().getName())
            .getBytes(StandardCharsets.UTF_8);
    byte[] blob = Base64.getDecoder().decode(encryptedData(manifest).get(key));
    return new String(ControllerAlgorithm.open(controllerKey, blob, label), StandardCharsets.UTF_8);
  }
}
