package io.clusterfactory.cfctl.core.secrets;

import io.clusterfactory.cfctl.core.secrets.SealedValueReuse.KeyRecord;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Secrets into SealedSecret manifests the sealed-secrets controller opens, as kubeseal would:
 * each value sealed separately under the scope's label, the Secret's metadata and type in {@code
 * spec.template}, the scope in annotations of both.
 *
 * <p>With a {@link SealHashKey}, sealing against the previous render keeps the sealed bytes of
 * unchanged inputs (see {@link SealedValueReuse}); without one every provided value is sealed
 * afresh and nothing about the inputs is recorded, like kubeseal.
 */
public final class Sealer {
  private static final Logger logger = LoggerFactory.getLogger(Sealer.class);

  /** apiVersion of SealedSecret. */
  public static final String API_VERSION = "bitnami.com/v1alpha1";

  /** kind of SealedSecret. */
  public static final String KIND = "SealedSecret";

  private final SealingCertificate certificate;
  private final SealHashKey hashKey;
  private final String certificateFingerprint;

  /** A sealer that records nothing and reuses only generated values. */
  public Sealer(SealingCertificate certificate) {
    this(certificate, null);
  }

  /** A sealer that records input HMACs with {@code hashKey} and reuses unchanged values. */
  public Sealer(SealingCertificate certificate, SealHashKey hashKey) {
    this.certificate = certificate;
    this.hashKey = hashKey;
    this.certificateFingerprint = certificate.fingerprint().substring(0, 16);
  }

  /** Seals every value of {@code secret} afresh. */
  public GenericKubernetesResource seal(SecretToSeal secret) {
    return seal(secret, null);
  }

  /**
   * Seals {@code secret}, keeping the sealed bytes of {@code previous} (the SealedSecret of the
   * last render, or null) for unchanged inputs and for generated values.
   */
  public GenericKubernetesResource seal(SecretToSeal secret, GenericKubernetesResource previous) {
    SealedValueReuse reuse = SealedValueReuse.from(previous, secret);
    byte[] label = secret.label();
    SortedMap<String, String> encryptedData = new TreeMap<>();
    SortedMap<String, KeyRecord> records = new TreeMap<>();
    int kept = 0;
    for (Map.Entry<String, SecretValue> entry : secret.data().entrySet()) {
      String key = entry.getKey();
      Optional<String> reused;
      String sealed;
      if (entry.getValue() instanceof SecretValue.Generated generated) {
        records.put(key, KeyRecord.generatedValue());
        reused = reuse.reusableGenerated(key);
        sealed =
            reused.orElseGet(
                () -> {
                  logger.debug("Generating {}[{}]", secret.displayName(), key);
                  String value = SecretInputs.generate(generated.spec());
                  return sealFresh(value.getBytes(StandardCharsets.UTF_8), label);
                });
      } else {
        byte[] value = ((SecretValue.Provided) entry.getValue()).bytes();
        Redactor.global().register(value);
        if (hashKey == null) {
          reused = Optional.empty();
        } else {
          String context = secret.displayName() + "/" + key;
          KeyRecord record =
              KeyRecord.provided(hashKey.hmac(context, value), certificateFingerprint);
          records.put(key, record);
          reused = reuse.reusableProvided(key, record);
        }
        sealed = reused.orElseGet(() -> sealFresh(value, label));
      }
      kept += reused.isPresent() ? 1 : 0;
      encryptedData.put(key, sealed);
    }
    logger.debug(
        "Sealed {} ({} of {} values kept from the previous render)",
        secret.displayName(),
        kept,
        encryptedData.size());
    return manifest(secret, encryptedData, records);
  }

  /**
   * Seals a Secret manifest (YAML with {@code data} and/or {@code stringData}), like {@code
   * kubeseal -f}.
   *
   * @param source the file name, for error messages
   * @param scope the scope to seal under, or null to take it from the manifest's annotations
   */
  public GenericKubernetesResource sealManifest(
      String secretYaml, String source, SealingScope scope) {
    SecretToSeal secret = SealedSecretManifest.readSecret(secretYaml, source);
    return seal(scope == null ? secret : secret.withScope(scope));
  }

  private String sealFresh(byte[] value, byte[] label) {
    return HybridCrypto.encryptToBase64(certificate.publicKey(), value, label);
  }

  private static GenericKubernetesResource manifest(
      SecretToSeal secret,
      SortedMap<String, String> encryptedData,
      SortedMap<String, KeyRecord> records) {
    SortedMap<String, String> sealedSecretAnnotations = new TreeMap<>(secret.scope().annotations());
    if (!records.isEmpty()) {
      sealedSecretAnnotations.put(
          SealedValueReuse.ANNOTATION, SealedValueReuse.annotationValue(records));
    }
    var metadata = new ObjectMeta();
    metadata.setName(secret.name());
    metadata.setNamespace(secret.namespace());
    metadata.setLabels(secret.labels().isEmpty() ? null : new TreeMap<>(secret.labels()));
    metadata.setAnnotations(sealedSecretAnnotations.isEmpty() ? null : sealedSecretAnnotations);

    SortedMap<String, String> templateAnnotations = new TreeMap<>(secret.annotations());
    templateAnnotations.remove(SealingScope.NAMESPACE_WIDE_ANNOTATION);
    templateAnnotations.remove(SealingScope.CLUSTER_WIDE_ANNOTATION);
    templateAnnotations.putAll(secret.scope().annotations());
    Map<String, Object> templateMetadata = new LinkedHashMap<>();
    templateMetadata.put("name", secret.name());
    if (secret.namespace() != null) {
      templateMetadata.put("namespace", secret.namespace());
    }
    if (!secret.labels().isEmpty()) {
      templateMetadata.put("labels", new TreeMap<>(secret.labels()));
    }
    if (!templateAnnotations.isEmpty()) {
      templateMetadata.put("annotations", templateAnnotations);
    }
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("metadata", templateMetadata);
    template.put("type", secret.type());
    if (secret.immutable() != null) {
      template.put("immutable", secret.immutable());
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("encryptedData", encryptedData);
    spec.put("template", template);

    var resource = new GenericKubernetesResource();
    resource.setApiVersion(API_VERSION);
    resource.setKind(KIND);
    resource.setMetadata(metadata);
    resource.setAdditionalProperty("spec", spec);
    return resource;
  }
}
